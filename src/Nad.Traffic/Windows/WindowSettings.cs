namespace Nad.Traffic.Windows;

/// <summary>Sizes of the traffic-feature windows (features 23-41).</summary>
public sealed record WindowSettings
{
    /// <summary>The time window of features 23-31.</summary>
    public TimeSpan TimeWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Connections in the host window of features 32-41, the current one included. The KDD
    /// description says 100, but NSL-KDD has dst_host_count up to 255 in 60% of its rows, which a
    /// 100-connection window cannot produce; 256 fits the data (see the traffic-features spec, §1).
    /// </summary>
    public int HostWindowConnections { get; init; } = 256;

    /// <summary>Bound on the 2-second window under floods, so memory stays bounded.</summary>
    public int MaxTimeWindowConnections { get; init; } = 100_000;

    /// <summary>Caps seen in NSL-KDD: count/srv_count at most 511, dst_host counts at most 255.</summary>
    public const int TimeCountCap = 511;
    public const int HostCountCap = 255;

    /// <summary>wrong_fragment in NSL-KDD is 0, 1 or 3: a record never shows more than 3.</summary>
    public const int WrongFragmentCap = 3;

    public void Validate()
    {
        if (TimeWindow <= TimeSpan.Zero) throw new ArgumentException("The time window must be positive.");
        if (HostWindowConnections < 1) throw new ArgumentException("The host window must hold at least one connection.");
        if (MaxTimeWindowConnections < 1) throw new ArgumentException("The time window bound must be at least one connection.");
    }
}
