#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The interactive cmdlets as a person uses them: Invoke-DockerRun -Interactive -Tty, Enter-DockerContainer and
# Invoke-DockerExec -Interactive -Tty typed into a pseudo-terminal (util-linux or BSD `script` runs a child pwsh on
# one), read back, detached with Ctrl+P Ctrl+Q; and refused when the input is redirected. Containers carry the label
# dockerps.pester=<run> and AfterAll removes them with the engine's CLI.

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
    $noPty = -not ($IsLinux -or $IsMacOS) -or -not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    if (-not ('DockerPSPester.ConsoleSession' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace DockerPSPester
{
    // A child pwsh running one script, on a pseudo-terminal (util-linux or BSD script) or with redirected input.
    public sealed class ConsoleSession : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _screen = new StringBuilder();
        private readonly Thread _reader;

        private ConsoleSession(ProcessStartInfo info)
        {
            info.UseShellExecute = false;
            info.RedirectStandardInput = true;
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            _process = Process.Start(info);
            _reader = new Thread(Read) { IsBackground = true };
            _reader.Start();
            var error = new Thread(() => { var rest = _process.StandardError.ReadToEnd(); lock (_screen) _screen.Append(rest); }) { IsBackground = true };
            error.Start();
        }

        // The command pwsh runs: the module, the script (from DPS_PESTER_SCRIPT), its errors' ids, then $LASTEXITCODE.
        private const string Inner = "Import-Module $env:DOCKERPS_MODULE; $Error.Clear(); Invoke-Expression $env:DPS_PESTER_SCRIPT 2>$null; foreach ($x in $Error) { \"SESSION-ERROR $($x.FullyQualifiedErrorId) exit=$($x.Exception.ExitCode)\" }; \"SESSION-END $LASTEXITCODE\"";

        public static bool CanUsePty => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

        public static ConsoleSession OnTerminal(string pwsh, string script, int columns, int rows)
        {
            var shell = "stty cols " + columns + " rows " + rows + "; exec '" + pwsh + "' -NoProfile -Command '" + Inner + "'";
            var info = new ProcessStartInfo("script");
            if (OperatingSystem.IsLinux())
            {
                info.ArgumentList.Add("-qfec");
                info.ArgumentList.Add(shell);
                info.ArgumentList.Add("/dev/null");
            }
            else
            {
                info.ArgumentList.Add("-q");
                info.ArgumentList.Add("/dev/null");
                info.ArgumentList.Add("sh");
                info.ArgumentList.Add("-c");
                info.ArgumentList.Add(shell);
            }
            info.Environment["DPS_PESTER_SCRIPT"] = script;
            return new ConsoleSession(info);
        }

        public static ConsoleSession Redirected(string pwsh, string script)
        {
            var info = new ProcessStartInfo(pwsh);
            info.ArgumentList.Add("-NoProfile");
            info.ArgumentList.Add("-Command");
            info.ArgumentList.Add(Inner);
            info.Environment["DPS_PESTER_SCRIPT"] = script;
            return new ConsoleSession(info);
        }

        public string Screen { get { lock (_screen) return _screen.ToString(); } }

        private void Read()
        {
            var decoder = new UTF8Encoding(false).GetDecoder();
            var bytes = new byte[4096];
            var chars = new char[8192];
            var stream = _process.StandardOutput.BaseStream;
            int n;
            while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                var c = decoder.GetChars(bytes, 0, n, chars, 0);
                lock (_screen) _screen.Append(chars, 0, c);
            }
        }

        public void Type(string text) { Type(Encoding.UTF8.GetBytes(text)); }

        public void Type(byte[] bytes)
        {
            _process.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
            _process.StandardInput.BaseStream.Flush();
        }

        public void CloseInput() { _process.StandardInput.Close(); }

        // Waits until the screen shows text after position from; returns the position after it, or throws with the screen.
        public int WaitFor(string text, int from, int seconds)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (true)
            {
                var screen = Screen;
                var at = screen.IndexOf(text, Math.Min(from, screen.Length), StringComparison.Ordinal);
                if (at >= 0) return at + text.Length;
                if (DateTime.UtcNow > deadline || (_process.HasExited && !_reader.IsAlive && Screen.Length == screen.Length))
                    throw new TimeoutException("The terminal did not show '" + text + "'. It showed:\n" + screen);
                Thread.Sleep(25);
            }
        }

        // The lines starting with the marker (SESSION-ERROR, SESSION-END, WARNING:), without it.
        public string[] Lines(string marker)
        {
            var result = new System.Collections.Generic.List<string>();
            foreach (var raw in Screen.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0) result.Add(line.Substring(at + marker.Length).Trim());
            }
            return result.ToArray();
        }

        public bool WaitForExit(int seconds) { return _process.WaitForExit(seconds * 1000); }

        public void Dispose()
        {
            try { if (!_process.HasExited) _process.Kill(true); } catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }
}

'@
    }
    $script:Pwsh = (Get-Process -Id $PID).Path
    $script:CtrlC = [byte[]]@(3)
    $script:CtrlD = [byte[]]@(4)
    $script:DetachKeys = [byte[]]@(16, 17)
}

Describe 'Interactive sessions against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $label = "dockerps.pester=$run"
        $image = 'busybox:latest'
        function New-Sleeper([string] $Name) {
            New-DockerContainer -DockerHost $DockerHost -Name $Name -Label $label $image sleep 300 | Start-DockerContainer -DockerHost $DockerHost -PassThru
        }
    }

    AfterAll {
        $ids = @(& $Cli -H $DockerHost ps -aq --filter "label=$label")
        if ($ids.Count -gt 0) { & $Cli -H $DockerHost rm -f $ids | Out-Null }
    }

    It 'Invoke-DockerRun -Interactive -Tty answers typed commands, follows the window size and reports the exit code' -Skip:$noPty {
        $name = "pester-$run-it"
        $session = [DockerPSPester.ConsoleSession]::OnTerminal($Pwsh, "Invoke-DockerRun -DockerHost '$DockerHost' -Interactive -Tty -Name $name -Label $label $image sh", 101, 31)
        try {
            $at = $session.WaitFor('/ # ', 0, 60)
            $session.Type('echo hello-$((6*7)); stty size' + "`r")
            $at = $session.WaitFor('hello-42', $at, 30)
            $at = $session.WaitFor('31 101', $at, 30)
            # Raw mode: Ctrl+C interrupts the container's sleep, not PowerShell.
            $session.Type("sleep 30`r")
            Start-Sleep -Seconds 1
            $session.Type($CtrlC)
            $session.Type('echo after-$((1+1))' + "`r")
            $at = $session.WaitFor('after-2', $at, 15)
            $session.Type("exit 3`r")
            $null = $session.WaitFor('SESSION-END', $at, 60)
            $session.Lines('SESSION-END') | Should -Be @('3')
            $session.Lines('SESSION-ERROR') | Should -Be @('ContainerExitedWithError,DockerPS.Commands.InvokeDockerRunCommand exit=3')
        }
        finally { $session.Dispose() }
        (Get-DockerContainer -DockerHost $DockerHost -All $name).State | Should -Be 'exited'
    }

    It 'Ctrl+P Ctrl+Q leaves the container running, and Enter-DockerContainer -Attach comes back to it' -Skip:$noPty {
        $name = "pester-$run-detach"
        # Wide enough that pwsh does not wrap the warning.
        $session = [DockerPSPester.ConsoleSession]::OnTerminal($Pwsh, "Invoke-DockerRun -DockerHost '$DockerHost' -Interactive -Tty -Name $name -Label $label $image sh", 200, 31)
        try {
            $null = $session.WaitFor('/ # ', 0, 60)
            $session.Type('export MARK=kept-$((20+1))' + "`r")
            $session.Type($DetachKeys)
            $null = $session.WaitFor('SESSION-END', 0, 60)
            $session.Screen | Should -BeLike "*read escape sequence: detached from the container '$name', which keeps running.*"
            $session.Lines('SESSION-ERROR') | Should -BeNullOrEmpty
        }
        finally { $session.Dispose() }
        (Get-DockerContainer -DockerHost $DockerHost $name).State | Should -Be 'running'

        $session = [DockerPSPester.ConsoleSession]::OnTerminal($Pwsh, "Enter-DockerContainer -DockerHost '$DockerHost' $name -Attach", 72, 19)
        try {
            Start-Sleep -Seconds 3
            $session.Type('echo $MARK; stty size' + "`r")
            $at = $session.WaitFor('kept-21', 0, 60)
            $null = $session.WaitFor('19 72', $at, 30)
            $session.Type("exit 0`r")
            $null = $session.WaitFor('SESSION-END', 0, 60)
            $session.Lines('SESSION-END') | Should -Be @('0')
        }
        finally { $session.Dispose() }
    }

    It 'Enter-DockerContainer opens /bin/sh as -User in -WorkingDirectory, and a non-zero exit is an error with ExitCode' -Skip:$noPty {
        $name = "pester-$run-enter"
        $null = New-Sleeper $name
        $session = [DockerPSPester.ConsoleSession]::OnTerminal($Pwsh, "Enter-DockerContainer -DockerHost '$DockerHost' $name -User nobody -WorkingDirectory /tmp", 101, 31)
        try {
            $at = $session.WaitFor('$ ', 0, 60)
            $session.Type('echo $(id -un)-$(pwd)-$((6*7))' + "`r")
            $at = $session.WaitFor('nobody-/tmp-42', $at, 30)
            $session.Type("exit 5`r")
            $null = $session.WaitFor('SESSION-END', $at, 60)
            $session.Lines('SESSION-END') | Should -Be @('5')
            $session.Lines('SESSION-ERROR') | Should -Be @('ContainerExitedWithError,DockerPS.Commands.EnterDockerContainerCommand exit=5')
        }
        finally { $session.Dispose() }
    }

    It 'Invoke-DockerExec -Interactive -Tty hands the console to the command' -Skip:$noPty {
        $name = "pester-$run-exec"
        $null = New-Sleeper $name
        $session = [DockerPSPester.ConsoleSession]::OnTerminal($Pwsh, "Invoke-DockerExec -DockerHost '$DockerHost' -Interactive -Tty $name -- sh -c 'read x; stty size; echo got-`$x; exit 4'", 120, 40)
        try {
            Start-Sleep -Seconds 3
            $session.Type("xyz`r")
            $at = $session.WaitFor('40 120', 0, 60)
            $at = $session.WaitFor('got-xyz', $at, 30)
            $null = $session.WaitFor('SESSION-END', $at, 60)
            $session.Lines('SESSION-END') | Should -Be @('4')
        }
        finally { $session.Dispose() }
    }

    It 'Invoke-DockerRun -Interactive without -Tty reads echoed lines until Ctrl+D and writes the output to the pipeline' -Skip:$noPty {
        $session = [DockerPSPester.ConsoleSession]::OnTerminal($Pwsh, "Invoke-DockerRun -DockerHost '$DockerHost' -Remove -Interactive -Label $label $image -- sh -c 'echo ready; while read l; do echo got-`$l; done; echo bye'", 101, 31)
        try {
            $at = $session.WaitFor('ready', 0, 60)
            $session.Type("one`r")
            $at = $session.WaitFor('got-one', $at, 30)
            $session.Type($CtrlD)
            $at = $session.WaitFor('bye', $at, 30)
            $null = $session.WaitFor('SESSION-END', $at, 60)
            $session.Lines('SESSION-END') | Should -Be @('0')
        }
        finally { $session.Dispose() }
    }

    It 'refuses a terminal session when the input is redirected (InputNotATerminal), creating nothing' {
        $name = "pester-$run-notty"
        $sleeper = "pester-$run-notty-host"
        $null = New-Sleeper $sleeper
        $script = "Invoke-DockerRun -DockerHost '$DockerHost' -Interactive -Tty -Name $name -Label $label $image sh; " +
            "Enter-DockerContainer -DockerHost '$DockerHost' $sleeper; " +
            "Invoke-DockerExec -DockerHost '$DockerHost' -Interactive -Tty $sleeper sh"
        $session = [DockerPSPester.ConsoleSession]::Redirected($Pwsh, $script)
        try {
            $session.CloseInput()
            $null = $session.WaitFor('SESSION-END', 0, 120)
            $errors = $session.Lines('SESSION-ERROR')
            $errors.Count | Should -Be 3
            $errors | ForEach-Object { $_ | Should -BeLike 'InputNotATerminal,*' }
        }
        finally { $session.Dispose() }
        @(Get-DockerContainer -DockerHost $DockerHost -All -Label $label | Where-Object Name -EQ $name).Count | Should -Be 0
    }

    It 'Enter-DockerContainer refuses shell parameters with -Attach, -NoStdin without it, and several containers' {
        $null = New-Sleeper "pester-$run-many-1"
        $null = New-Sleeper "pester-$run-many-2"
        { Enter-DockerContainer -DockerHost $DockerHost "pester-$run-many-1" -Attach -Shell bash -ErrorAction Stop } |
            Should -Throw -ErrorId 'AttachWithShellOptions,DockerPS.Commands.EnterDockerContainerCommand'
        { Enter-DockerContainer -DockerHost $DockerHost "pester-$run-many-1" -NoStdin -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoStdinWithoutAttach,DockerPS.Commands.EnterDockerContainerCommand'
        { Enter-DockerContainer -DockerHost $DockerHost "pester-$run-many-*" -ErrorAction Stop } |
            Should -Throw -ErrorId 'TooManyContainers,DockerPS.Commands.EnterDockerContainerCommand'
        { Invoke-DockerExec -DockerHost $DockerHost -Interactive "pester-$run-many-*" -Command sh -ErrorAction Stop } |
            Should -Throw -ErrorId 'TooManyContainers,DockerPS.Commands.InvokeDockerExecCommand'
    }

    It 'offers docker''s detach keys to Tab completion' {
        $line = "Enter-DockerContainer x -DetachKeys 'ctrl-x,"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain "'ctrl-x,ctrl-a'"
        $completion.CompletionMatches.CompletionText | Should -Contain "'ctrl-x,DEL'"
    }
}
