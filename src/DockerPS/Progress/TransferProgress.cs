using System;
using System.Collections.Generic;
using System.Globalization;
using DockerPS.Engine.Streams;
using DockerPS.Formatting;

namespace DockerPS.Progress;

/// <summary>Which transfer a progress stream describes: its statuses and what "done" means differ.</summary>
internal enum TransferKind
{
    Pull,
    Push,
}

/// <summary>One progress bar as Write-Progress shows it, without PowerShell's types (ProgressRecord is built from it).</summary>
internal sealed class ProgressBar
{
    public ProgressBar(int activityId, int parentActivityId, string activity, string statusDescription, int percentComplete, bool completed)
    {
        ActivityId = activityId;
        ParentActivityId = parentActivityId;
        Activity = activity;
        StatusDescription = statusDescription;
        PercentComplete = percentComplete;
        Completed = completed;
    }

    public int ActivityId { get; }

    /// <summary>The overall bar's id for a layer's bar; -1 for the overall bar.</summary>
    public int ParentActivityId { get; }

    public string Activity { get; }

    public string StatusDescription { get; }

    /// <summary>0 to 100, or -1 when unknown.</summary>
    public int PercentComplete { get; }

    public bool Completed { get; }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0}{1} [{2}] {3}: {4} ({5}%)", Completed ? "done " : string.Empty, ActivityId, ParentActivityId, Activity, StatusDescription, PercentComplete);
}

/// <summary>
/// The state of a pull or push as the engine's progress messages describe it: one bar per layer (docker's statuses:
/// Pulling fs layer, Waiting, Downloading, Verifying Checksum, Download complete, Extracting, Pull complete,
/// Already exists; Preparing, Pushing, Pushed, Layer already exists, Mounted from …) under one overall bar whose
/// percentage weighs each layer's phase (for a pull, the download is the first half of a layer, the extraction the
/// second). Messages without a layer (Digest: …, Status: …, the push digest line) are returned as lines of text.
/// Pure: no PowerShell, no clock; <see cref="TakeChanges"/> gives the bars that changed since it was last called, each
/// once however many messages touched it, so a caller that calls it at a limited rate writes a bounded number of records.
/// </summary>
internal sealed class TransferProgress
{
    private readonly TransferKind _kind;
    private readonly string _activity;
    private readonly int _overallId;
    private readonly List<Layer> _layers = new();
    private readonly Dictionary<string, Layer> _byId = new(StringComparer.Ordinal);
    private readonly List<Layer> _closing = new();
    private int _nextId;
    private string? _group;
    private bool _overallDirty;
    private bool _overallShown;

    public TransferProgress(TransferKind kind, string activity, int overallActivityId = 1)
    {
        _kind = kind;
        _activity = activity;
        _overallId = overallActivityId;
        _nextId = overallActivityId + 1;
    }

    /// <summary>True when some bar changed since the last <see cref="TakeChanges"/>.</summary>
    public bool HasChanges => _overallDirty;

    /// <summary>How many layers the current group (tag) has, and how many of them are done.</summary>
    public (int Done, int Total) LayerCount
    {
        get
        {
            var done = 0;
            foreach (var layer in _layers)
                if (layer.Done) done++;
            return (done, _layers.Count);
        }
    }

    /// <summary>Takes in one message; returns a line of text when the message is not about a layer, else null.</summary>
    public string? Apply(JsonMessage message)
    {
        if (message is null) throw new ArgumentNullException(nameof(message));
        if (message.Stream is { Length: > 0 } stream) return stream.TrimEnd('\r', '\n');
        var status = message.Status;
        if (string.IsNullOrEmpty(status)) return null;
        if (message.Id is null) return status;
        if (status!.StartsWith("Pulling from ", StringComparison.Ordinal))
        {
            StartGroup(message.Id);
            return message.Id + ": " + status;
        }

        if (!_byId.TryGetValue(message.Id, out var layer))
        {
            layer = new Layer(message.Id, _nextId++);
            _byId.Add(message.Id, layer);
            _layers.Add(layer);
        }
        layer.Update(_kind, status, message.Current, message.Total);
        _overallDirty = true;
        return null;
    }

    /// <summary>The bars that changed since the last call: the layers', in the order they appeared, then the overall one.</summary>
    public IReadOnlyList<ProgressBar> TakeChanges()
    {
        var bars = new List<ProgressBar>();
        if (!_overallDirty) return bars;
        foreach (var layer in _closing) bars.Add(layer.Bar(_overallId, completed: true));
        _closing.Clear();
        foreach (var layer in _layers)
        {
            if (!layer.Dirty) continue;
            layer.Dirty = false;
            if (layer.Done)
            {
                // A layer that was done at once (Already exists) never had a bar to close.
                if (layer.Shown && !layer.Closed) bars.Add(layer.Bar(_overallId, completed: true));
                layer.Closed = true;
                continue;
            }
            layer.Shown = true;
            bars.Add(layer.Bar(_overallId, completed: false));
        }
        bars.Add(Overall(completed: false));
        _overallShown = true;
        _overallDirty = false;
        return bars;
    }

    /// <summary>Closes every bar still shown (the transfer ended, well or not): layers, then the overall bar.</summary>
    public IReadOnlyList<ProgressBar> Finish()
    {
        var bars = new List<ProgressBar>();
        foreach (var layer in _closing) bars.Add(layer.Bar(_overallId, completed: true));
        _closing.Clear();
        foreach (var layer in _layers)
        {
            if (layer.Shown && !layer.Closed) bars.Add(layer.Bar(_overallId, completed: true));
            layer.Closed = true;
            layer.Dirty = false;
        }
        if (_overallShown) bars.Add(Overall(completed: true));
        _overallShown = false;
        _overallDirty = false;
        return bars;
    }

    private void StartGroup(string tag)
    {
        // docker pull --all-tags: each tag's layers follow a "Pulling from" line of their own. The last tag's open bars
        // are closed at the next TakeChanges, and the count starts again.
        foreach (var layer in _layers)
        {
            if (layer.Shown && !layer.Closed)
            {
                layer.Closed = true;
                _closing.Add(layer);
            }
        }
        _layers.Clear();
        _byId.Clear();
        _group = tag;
        _overallDirty = true;
    }

    private ProgressBar Overall(bool completed)
    {
        var done = 0;
        var fraction = 0.0;
        long bytes = 0, total = 0;
        foreach (var layer in _layers)
        {
            if (layer.Done) done++;
            fraction += layer.Fraction;
            if (layer.Total is long t && t > 0)
            {
                total += t;
                bytes += layer.TransferredBytes(_kind);
            }
        }
        var count = _layers.Count;
        var percent = count == 0 ? -1 : (int)Math.Min(100, Math.Floor(fraction * 100 / count));
        var verb = _kind == TransferKind.Pull ? "downloaded" : "pushed";
        var text = count == 0
            ? (_kind == TransferKind.Pull ? "Resolving" : "Preparing")
            : string.Format(CultureInfo.CurrentCulture, "{0} of {1} layers complete", done, count)
              + (total > 0 ? string.Format(CultureInfo.CurrentCulture, ", {0} of {1} {2}", Display.Size(bytes), Display.Size(total), verb) : string.Empty);
        if (_group is not null) text = _group + ": " + text;
        return new ProgressBar(_overallId, -1, _activity, text, completed ? 100 : percent, completed);
    }

    private sealed class Layer
    {
        public Layer(string id, int activityId)
        {
            Id = id;
            ActivityId = activityId;
        }

        public string Id { get; }

        public int ActivityId { get; }

        public string Status { get; private set; } = string.Empty;

        public long? Current { get; private set; }

        public long? Total { get; private set; }

        /// <summary>How far the layer is, 0 to 1, across its phases.</summary>
        public double Fraction { get; private set; }

        public bool Done { get; private set; }

        public bool Dirty { get; set; }

        /// <summary>A Processing record was written for it.</summary>
        public bool Shown { get; set; }

        /// <summary>Its Completed record was written (or it never needed a bar).</summary>
        public bool Closed { get; set; }

        public void ForceDone()
        {
            Done = true;
            Fraction = 1;
        }

        public void Update(TransferKind kind, string status, long? current, long? total)
        {
            Status = status;
            Dirty = true;
            if (total is long t && t > 0) Total = t;
            Current = current;
            var ratio = current is long c && Total is long all && all > 0 ? Math.Min(1.0, Math.Max(0.0, (double)c / all)) : (double?)null;
            if (kind == TransferKind.Pull)
            {
                switch (status)
                {
                    case "Pulling fs layer":
                    case "Waiting":
                        Fraction = 0;
                        break;
                    case "Downloading":
                        if (ratio is double d) Fraction = 0.5 * d;
                        break;
                    case "Verifying Checksum":
                    case "Download complete":
                        Fraction = 0.5;
                        break;
                    case "Extracting":
                        Fraction = 0.5 + (ratio is double e ? 0.5 * e : 0);
                        break;
                    case "Pull complete":
                    case "Already exists":
                        ForceDone();
                        break;
                }
            }
            else
            {
                if (status is "Preparing" or "Waiting") Fraction = 0;
                else if (status == "Pushing" && ratio is double p) Fraction = p;
                else if (status is "Pushed" or "Layer already exists" or "Skipped foreign layer" || status.StartsWith("Mounted from ", StringComparison.Ordinal)) ForceDone();
            }
        }

        /// <summary>Bytes moved so far: for a pull, the download (whole once it is complete), for a push the upload.</summary>
        public long TransferredBytes(TransferKind kind)
        {
            var total = Total ?? 0;
            if (Done) return total;
            if (kind == TransferKind.Pull && Fraction >= 0.5) return total;
            if (Status is "Downloading" or "Pushing") return Math.Min(total, Current ?? 0);
            return 0;
        }

        public ProgressBar Bar(int parent, bool completed)
        {
            var status = Status;
            if (!completed && Current is long c && Status is "Downloading" or "Extracting" or "Pushing")
                status += " " + (Total is long t && t > 0 ? Display.Size(c) + " / " + Display.Size(t) : Display.Size(c));
            var percent = completed ? 100 : Current is long cur && Total is long all && all > 0 ? (int)Math.Min(100, cur * 100 / all) : -1;
            return new ProgressBar(ActivityId, parent, "Layer " + Id, status.Length == 0 ? "Waiting" : status, percent, completed);
        }
    }
}
