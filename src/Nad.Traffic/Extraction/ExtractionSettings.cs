using Nad.Traffic.Connections;
using Nad.Traffic.Windows;

namespace Nad.Traffic.Extraction;

/// <summary>Timeouts and window sizes for turning traffic into records. Defaults follow Zeek where it has one.</summary>
public sealed record ExtractionSettings
{
    /// <summary>Sizes of the traffic-feature windows.</summary>
    public WindowSettings Windows { get; init; } = new();

    /// <summary>Timeouts, reorder delay and the open-connection bound of connection tracking.</summary>
    public TrackingSettings Tracking { get; init; } = new();
}
