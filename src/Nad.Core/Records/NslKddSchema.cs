namespace Nad.Core.Records;

/// <summary>
/// The NSL-KDD row layout: 41 features, then optionally the label (<c>attack</c>) and the
/// difficulty (<c>lastflag</c>), which is never a feature. Names follow the CSV header.
/// </summary>
public static class NslKddSchema
{
    public const int FeatureCount = 41;
    public const string LabelColumn = "attack";
    public const string DifficultyColumn = "lastflag";

    private const string Basic = "basic";
    private const string Content = "content";
    private const string Time = "traffic (2 s window)";
    private const string Host = "traffic (100-connection host window)";

    // (name, kind, group, description) in CSV order.
    private static readonly (string Name, FeatureKind Kind, string Group, string Description)[] Definitions =
    [
        ("duration", FeatureKind.Count, Basic, "Length of the connection in seconds."),
        ("protocoltype", FeatureKind.Categorical, Basic, "Transport protocol: tcp, udp or icmp."),
        ("service", FeatureKind.Categorical, Basic, "Network service on the destination (http, ftp_data, private, ...)."),
        ("flag", FeatureKind.Categorical, Basic, "Connection state at the end (SF normal, S0 no reply to SYN, REJ rejected, ...)."),
        ("srcbytes", FeatureKind.Bytes, Basic, "Payload bytes from source to destination."),
        ("dstbytes", FeatureKind.Bytes, Basic, "Payload bytes from destination to source."),
        ("land", FeatureKind.Binary, Basic, "1 if source and destination address and port are the same."),
        ("wrongfragment", FeatureKind.Count, Basic, "Number of wrong fragments."),
        ("urgent", FeatureKind.Count, Basic, "Number of packets with the urgent bit set."),
        ("hot", FeatureKind.Count, Content, "Number of 'hot' indicators (system directories, program runs)."),
        ("numfailedlogins", FeatureKind.Count, Content, "Number of failed login attempts."),
        ("loggedin", FeatureKind.Binary, Content, "1 if a login succeeded."),
        ("numcompromised", FeatureKind.Count, Content, "Number of 'compromised' conditions."),
        ("rootshell", FeatureKind.Binary, Content, "1 if a root shell was obtained."),
        ("suattempted", FeatureKind.Count, Content, "'su root' attempts (0, 1 or 2 in the data)."),
        ("numroot", FeatureKind.Count, Content, "Number of operations performed as root."),
        ("numfilecreations", FeatureKind.Count, Content, "Number of file creation operations."),
        ("numshells", FeatureKind.Count, Content, "Number of shell prompts."),
        ("numaccessfiles", FeatureKind.Count, Content, "Number of operations on access control files."),
        ("numoutboundcmds", FeatureKind.Count, Content, "Outbound commands in an FTP session (always 0 in NSL-KDD)."),
        ("ishostlogin", FeatureKind.Binary, Content, "1 if the login belongs to the 'host' list (root, admin)."),
        ("isguestlogin", FeatureKind.Binary, Content, "1 if the login is a guest login."),
        ("count", FeatureKind.Count, Time, "Connections to the same host in the past 2 seconds."),
        ("srvcount", FeatureKind.Count, Time, "Connections to the same service in the past 2 seconds."),
        ("serrorrate", FeatureKind.Rate, Time, "Share of same-host connections with SYN errors."),
        ("srvserrorrate", FeatureKind.Rate, Time, "Share of same-service connections with SYN errors."),
        ("rerrorrate", FeatureKind.Rate, Time, "Share of same-host connections with REJ errors."),
        ("srvrerrorrate", FeatureKind.Rate, Time, "Share of same-service connections with REJ errors."),
        ("samesrvrate", FeatureKind.Rate, Time, "Share of same-host connections to the same service."),
        ("diffsrvrate", FeatureKind.Rate, Time, "Share of same-host connections to different services."),
        ("srvdiffhostrate", FeatureKind.Rate, Time, "Share of same-service connections to different hosts."),
        ("dsthostcount", FeatureKind.Count, Host, "Connections to the same destination host (of the last 100, capped at 255)."),
        ("dsthostsrvcount", FeatureKind.Count, Host, "Connections to the same destination service (capped at 255)."),
        ("dsthostsamesrvrate", FeatureKind.Rate, Host, "Share of same-destination connections to the same service."),
        ("dsthostdiffsrvrate", FeatureKind.Rate, Host, "Share of same-destination connections to different services."),
        ("dsthostsamesrcportrate", FeatureKind.Rate, Host, "Share of same-service connections from the same source port."),
        ("dsthostsrvdiffhostrate", FeatureKind.Rate, Host, "Share of same-service connections to different hosts."),
        ("dsthostserrorrate", FeatureKind.Rate, Host, "Share of same-destination connections with SYN errors."),
        ("dsthostsrvserrorrate", FeatureKind.Rate, Host, "Share of same-service connections with SYN errors."),
        ("dsthostrerrorrate", FeatureKind.Rate, Host, "Share of same-destination connections with REJ errors."),
        ("dsthostsrvrerrorrate", FeatureKind.Rate, Host, "Share of same-service connections with REJ errors."),
    ];

    /// <summary>All 41 feature columns in CSV order.</summary>
    public static IReadOnlyList<FeatureColumn> Columns { get; } = BuildColumns();

    /// <summary>The 38 numeric columns, in the order of <see cref="ConnectionRecord.Numeric"/>.</summary>
    public static IReadOnlyList<FeatureColumn> NumericColumns { get; } = Columns.Where(c => !c.IsCategorical).ToArray();

    /// <summary>The 3 categorical columns: protocoltype, service, flag.</summary>
    public static IReadOnlyList<FeatureColumn> CategoricalColumns { get; } = Columns.Where(c => c.IsCategorical).ToArray();

    public static int NumericCount => NumericColumns.Count;

    private static readonly Dictionary<string, FeatureColumn> ByName =
        Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The column named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static FeatureColumn? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The column named <paramref name="name"/>; throws when there is none.</summary>
    public static FeatureColumn Get(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not an NSL-KDD feature.", nameof(name));

    /// <summary>
    /// The connection columns <c>nad extract</c> writes after the 41 features (who, when, what was not
    /// observed): read beside the records, never features, and carried to <c>nad predict</c>'s output.
    /// </summary>
    public static IReadOnlyList<string> ExtractConnectionColumns { get; } =
        ["start_time", "src_addr", "src_port", "dst_addr", "dst_port", "not_observed", "estimated"];

    /// <summary>The header row: the 41 features, then attack and lastflag.</summary>
    public static IReadOnlyList<string> HeaderWithLabels { get; } =
        [.. Columns.Select(c => c.Name), LabelColumn, DifficultyColumn];

    private static FeatureColumn[] BuildColumns()
    {
        var columns = new FeatureColumn[Definitions.Length];
        int numeric = 0, categorical = 0;
        for (var i = 0; i < Definitions.Length; i++)
        {
            var (name, kind, group, description) = Definitions[i];
            var valueIndex = kind == FeatureKind.Categorical ? categorical++ : numeric++;
            columns[i] = new FeatureColumn(name, i, valueIndex, kind, group, description);
        }
        return columns;
    }
}
