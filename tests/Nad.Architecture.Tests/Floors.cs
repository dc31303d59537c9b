namespace Nad.Architecture.Tests;

/// <summary>
/// The floors of one assembly, bottom first (docs/architecture.md draws the same table). A room is
/// a namespace with everything under it; "" is the assembly's root namespace alone. A room may use
/// rooms on lower floors only: not a room beside it on its own floor, and nothing above.
/// </summary>
public sealed class Floors(string root, params string[][] floors)
{
    public string Root { get; } = root;
    public IReadOnlyList<string[]> Levels { get; } = floors;

    /// <summary>The room a namespace lives in (the longest declared room it is in), or null when no floor names it.</summary>
    public string? RoomOf(string ns)
    {
        if (ns == Root) return Levels.Any(l => l.Contains("")) ? "" : null;
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var relative = ns[(Root.Length + 1)..];
        return Levels.SelectMany(l => l)
            .Where(room => room.Length > 0 && (relative == room || relative.StartsWith(room + ".", StringComparison.Ordinal)))
            .MaxBy(room => room.Length);
    }

    public int FloorOf(string room) => Levels.Select((rooms, i) => (rooms, i)).First(l => l.rooms.Contains(room)).i;

    public static Floors Core { get; } = new("Nad.Core",
        ["IO", "Records"],
        ["Reading", "Features", "Thresholds"],
        ["Wire", "Detectors"],
        ["Evaluation", "Explanations", "Drift"],
        ["Training"],
        ["Ensembles"],
        ["Catalog"],
        ["ModelFiles"],
        ["Exploration", "Benchmarking"]);

    public static Floors Traffic { get; } = new("Nad.Traffic",
        ["Packets"],
        ["Services", "Content"],
        ["Connections"],
        ["Windows"],
        ["Extraction"],
        ["Zeek"]);

    public static Floors Alerts { get; } = new("Nad.Alerts",
        [""],
        ["Sqlite", "Postgres"],
        ["Stores"]);

    public static Floors Streaming { get; } = new("Nad.Streaming",
        ["Messages"],
        ["Connecting", "Observability"],
        ["Publishing", "Working"]);

    public static Floors Service { get; } = new("Nad.Service",
        ["Settings", "Observability"],
        ["Http"],
        ["Models"],
        ["Alerts"],
        ["Scoring"],
        ["Captures", "Explanations", "Dashboard", "Drift"],
        ["Endpoints"],
        [""]);

    public static Floors Cli { get; } = new("Nad.Cli",
        ["Output"],
        ["Posting"],
        ["Commands"],
        [""]);
}
