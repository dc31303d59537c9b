using Nad.Core.Drift;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Service.Scoring;
using Nad.Core.Wire;

namespace Nad.Service.Models;

/// <summary>
/// A model the service holds in memory: its name (the model file's name without extension), the
/// detector, the categorical values it was trained on, so an unseen value can be flagged, and the
/// drift window of the records it scored (when its model file has a drift baseline).
/// </summary>
public sealed class LoadedModel
{
    private readonly HashSet<string>[] _vocabularies;

    /// <param name="driftWindow">Records in the drift window.</param>
    /// <param name="driftMinimumSample">Records before the window's level counts.</param>
    public LoadedModel(string name, Detector detector, int driftWindow = DriftMonitor.DefaultCapacity, int driftMinimumSample = DriftMonitor.DefaultMinimumSample)
    {
        Name = name;
        Detector = detector;
        _vocabularies = [.. detector.Encoder.Vocabularies.Select(v => new HashSet<string>(v, StringComparer.Ordinal))];
        CategoryValues.Register(detector.Encoder.Vocabularies);
        var sha = detector.Manifest.PayloadSha256;
        Drift = detector.Drift is { } baseline ? new DriftMonitor(baseline, driftWindow, driftMinimumSample) : null;
        Version = sha.Length >= 12 ? sha[..12] : detector.Manifest.CreatedUtc.ToString("yyyyMMddHHmmss");
    }

    /// <summary>How requests and the model list name it ("random-forest").</summary>
    public string Name { get; }
    public Detector Detector { get; }
    /// <summary>The first 12 hex digits of the payload's sha256: changes whenever the model does.</summary>
    public string Version { get; }
    public bool IsSupervised => Detector.Manifest.Supervised;

    /// <summary>The records this model scored lately against its training data; null for model files without a drift baseline.</summary>
    public DriftMonitor? Drift { get; }

    /// <summary>The categorical columns whose value this model never saw in training, or null when all were seen.</summary>
    public string[]? UnseenCategories(ConnectionRecord record)
    {
        List<string>? unseen = null;
        var columns = Detector.Schema.CategoricalColumns; // the model's own column names (NSL-KDD: protocoltype, service, flag)
        for (var c = 0; c < _vocabularies.Length; c++)
            if (!_vocabularies[c].Contains(record.Categorical(c)))
                (unseen ??= []).Add(columns[c].Name);
        return unseen?.ToArray();
    }
}
