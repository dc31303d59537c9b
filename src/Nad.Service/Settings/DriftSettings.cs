using System.ComponentModel.DataAnnotations;
using Nad.Core.Drift;

namespace Nad.Service.Settings;

/// <summary>The drift window of every loaded model (<c>Nad:Drift</c>; decision 0662).</summary>
public sealed class DriftSettings
{
    /// <summary>The last this many scored records are compared with the model's training data.</summary>
    [Range(100, 1_000_000)]
    public int Window { get; set; } = DriftMonitor.DefaultCapacity;

    /// <summary>No level and no warning before the window holds this many records (PSI of a small sample is noise).</summary>
    [Range(1, 1_000_000)]
    public int MinimumSample { get; set; } = DriftMonitor.DefaultMinimumSample;

    /// <summary>How often the service looks at the windows to log a change of level (the API and /metrics always look afresh).</summary>
    [Range(1, 3600)]
    public int CheckSeconds { get; set; } = 10;
}
