using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace DockerPS.HostedPowerShell;

/// <summary>
/// A PowerShell host for tests: what PowerShell writes to the console (Out-Host, Out-Default, prompts) is kept as text,
/// progress records are kept, and confirmation prompts (-Confirm, ConfirmImpact) are answered from a script of choices.
/// The console is wide, so tables are not cut.
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui = new();

    public override string Name => "DockerPS.HostedPowerShell";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    /// <summary>Everything written to the console so far, without ANSI colour sequences (table headers have them).</summary>
    public string Console => System.Text.RegularExpressions.Regex.Replace(_ui.Text, "\u001b\\[[0-9;]*m", string.Empty);

    public IReadOnlyCollection<ProgressRecord> Progress => _ui.Progress;

    /// <summary>The confirmation prompts asked so far: caption, message and the choices' labels.</summary>
    public IReadOnlyCollection<(string Caption, string Message, string[] Choices)> Prompts => _ui.Prompts;

    /// <summary>Answers the next confirmation prompts with these labels ("&amp;Yes", "&amp;No", "Yes to &amp;All", ...), in order.</summary>
    public void Answer(params string[] labels)
    {
        foreach (var label in labels) _ui.Answers.Enqueue(label);
    }

    public void ClearConsole() => _ui.Clear();

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private sealed class TestHostUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _text = new();
        private readonly TestRawUserInterface _raw = new();

        public ConcurrentQueue<string> Answers { get; } = new();

        public ConcurrentQueue<(string, string, string[])> Prompts { get; } = new();

        public ConcurrentQueue<ProgressRecord> Progress { get; } = new();

        public string Text
        {
            get
            {
                lock (_text) return _text.ToString();
            }
        }

        public void Clear()
        {
            lock (_text) _text.Clear();
        }

        public override PSHostRawUserInterface RawUI => _raw;

        public override void Write(string value)
        {
            lock (_text) _text.Append(value);
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value) => Write(value + "\n");

        public override void WriteErrorLine(string value) => WriteLine("ERROR: " + value);

        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);

        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record) => Progress.Enqueue(record);

        public override string ReadLine() => throw new NotSupportedException("The test host reads no input.");

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The test host reads no input.");

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException($"The test host answers no prompt for fields ({caption}: {message}).");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("The test host has no credentials.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException("The test host has no credentials.");

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            var labels = new string[choices.Count];
            for (var i = 0; i < choices.Count; i++) labels[i] = choices[i].Label;
            Prompts.Enqueue((caption, message, labels));
            if (!Answers.TryDequeue(out var answer))
                throw new PSInvalidOperationException($"The test host was asked '{caption}: {message}' with no answer scripted.");
            var index = Array.IndexOf(labels, answer);
            if (index < 0) throw new PSInvalidOperationException($"The scripted answer '{answer}' is not one of {string.Join(", ", labels)}.");
            return index;
        }
    }

    private sealed class TestRawUserInterface : PSHostRawUserInterface
    {
        private Size _buffer = new(300, 9999);

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Coordinates CursorPosition { get; set; }

        public override Coordinates WindowPosition { get; set; }

        public override int CursorSize { get; set; } = 1;

        public override Size BufferSize
        {
            get => _buffer;
            set => _buffer = value;
        }

        public override Size WindowSize
        {
            get => new(_buffer.Width, 50);
            set
            {
            }
        }

        public override Size MaxWindowSize => WindowSize;

        public override Size MaxPhysicalWindowSize => WindowSize;

        public override bool KeyAvailable => false;

        public override string WindowTitle { get; set; } = string.Empty;

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The test host reads no keys.");

        public override void FlushInputBuffer()
        {
        }

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
        {
        }

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
        {
        }
    }
}
