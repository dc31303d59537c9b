namespace Nad.Core.Records;

/// <summary>
/// The schemas NAD knows by name: <c>nsl-kdd</c> (generated from <see cref="NslKddSchema"/>, so
/// its facts stay in one place), <c>unsw-nb15</c> (training/testing-set layout), <c>cic-ids2017</c>
/// (MachineLearningCVE layout; the TrafficLabelling layout's Flow ID, addresses, source port,
/// protocol and timestamp are connection fields) and <c>cic-ids2017-improved</c> (Engelen et al.).
/// </summary>
public static class BuiltInSchemas
{
    public const string NslKddName = "nsl-kdd";
    public const string UnswNb15Name = "unsw-nb15";
    public const string CicIds2017Name = "cic-ids2017";
    public const string CicIds2017ImprovedName = "cic-ids2017-improved";

    public static RecordSchema NslKdd { get; } = new(
        NslKddName,
        [.. NslKddSchema.Columns.Select(c => new SchemaColumn(c.Name,
            c.IsCategorical ? SchemaColumnKind.Categorical : SchemaColumnKind.Numeric, c.Description))],
        new LabelSpec(NslKddSchema.LabelColumn, [AttackTaxonomy.NormalName]) { Families = AttackTaxonomy.FamilyNames },
        ignoredColumns: [NslKddSchema.DifficultyColumn],
        description: "NSL-KDD (1999 DARPA traffic): 41 features, label 'attack', difficulty 'lastflag' (never a feature).");

    public static RecordSchema UnswNb15 { get; } = new(
        UnswNb15Name,
        Columns("dur proto service state spkts dpkts sbytes dbytes rate sttl dttl sload dload sloss dloss sinpkt dinpkt "
            + "sjit djit swin stcpb dtcpb dwin tcprtt synack ackdat smean dmean trans_depth response_body_len ct_srv_src "
            + "ct_state_ttl ct_dst_ltm ct_src_dport_ltm ct_dst_sport_ltm ct_dst_src_ltm is_ftp_login ct_ftp_cmd "
            + "ct_flw_http_mthd ct_src_ltm ct_srv_dst is_sm_ips_ports", ' ', categorical: ["proto", "service", "state"]),
        new LabelSpec("attack_cat", ["Normal"]) { BinaryColumn = "label" },
        ignoredColumns: ["id"],
        description: "UNSW-NB15 training/testing-set layout: 42 features, attack_cat (the family), label (0/1); id is not a feature.");

    private static readonly Dictionary<string, string> CicFamilies = Families(
        ("DoS", ["DoS Hulk", "DoS GoldenEye", "DoS slowloris", "DoS Slowhttptest", "DoS Slowloris"]),
        ("DDoS", ["DDoS"]),
        ("PortScan", ["PortScan", "Portscan"]),
        ("Brute Force", ["FTP-Patator", "SSH-Patator"]),
        ("Web Attack", ["Web Attack - Brute Force", "Web Attack - XSS", "Web Attack - Sql Injection", "Web Attack - SQL Injection"]),
        ("Botnet", ["Bot", "Botnet"]),
        ("Infiltration", ["Infiltration", "Infiltration - Portscan"]),
        ("Heartbleed", ["Heartbleed"]));

    public static RecordSchema CicIds2017 { get; } = new(
        CicIds2017Name,
        Columns("Destination Port|Flow Duration|Total Fwd Packets|Total Backward Packets|Total Length of Fwd Packets|"
            + "Total Length of Bwd Packets|Fwd Packet Length Max|Fwd Packet Length Min|Fwd Packet Length Mean|Fwd Packet Length Std|"
            + "Bwd Packet Length Max|Bwd Packet Length Min|Bwd Packet Length Mean|Bwd Packet Length Std|Flow Bytes/s|Flow Packets/s|"
            + "Flow IAT Mean|Flow IAT Std|Flow IAT Max|Flow IAT Min|Fwd IAT Total|Fwd IAT Mean|Fwd IAT Std|Fwd IAT Max|Fwd IAT Min|"
            + "Bwd IAT Total|Bwd IAT Mean|Bwd IAT Std|Bwd IAT Max|Bwd IAT Min|Fwd PSH Flags|Bwd PSH Flags|Fwd URG Flags|Bwd URG Flags|"
            + "Fwd Header Length|Bwd Header Length|Fwd Packets/s|Bwd Packets/s|Min Packet Length|Max Packet Length|Packet Length Mean|"
            + "Packet Length Std|Packet Length Variance|FIN Flag Count|SYN Flag Count|RST Flag Count|PSH Flag Count|ACK Flag Count|"
            + "URG Flag Count|CWE Flag Count|ECE Flag Count|Down/Up Ratio|Average Packet Size|Avg Fwd Segment Size|Avg Bwd Segment Size|"
            + "Fwd Avg Bytes/Bulk|Fwd Avg Packets/Bulk|Fwd Avg Bulk Rate|Bwd Avg Bytes/Bulk|Bwd Avg Packets/Bulk|Bwd Avg Bulk Rate|"
            + "Subflow Fwd Packets|Subflow Fwd Bytes|Subflow Bwd Packets|Subflow Bwd Bytes|Init_Win_bytes_forward|Init_Win_bytes_backward|"
            + "act_data_pkt_fwd|min_seg_size_forward|Active Mean|Active Std|Active Max|Active Min|Idle Mean|Idle Std|Idle Max|Idle Min", '|',
            missing: ["Flow Bytes/s", "Flow Packets/s"], absentMinusOne: ["Init_Win_bytes_forward", "Init_Win_bytes_backward"]),
        new LabelSpec("Label", ["BENIGN"]) { Families = CicFamilies },
        connectionFields: ["Flow ID", "Source IP", "Source Port", "Destination IP", "Protocol", "Timestamp"],
        description: "CIC-IDS2017 MachineLearningCVE layout (78 columns with Fwd Header Length twice: 77 features) and ' Label'; "
            + "the TrafficLabelling layout's Flow ID, addresses, source port, protocol and timestamp are connection fields.");

    public static RecordSchema CicIds2017Improved { get; } = new(
        CicIds2017ImprovedName,
        Columns("Dst Port|Protocol|Flow Duration|Total Fwd Packet|Total Bwd packets|Total Length of Fwd Packet|Total Length of Bwd Packet|"
            + "Fwd Packet Length Max|Fwd Packet Length Min|Fwd Packet Length Mean|Fwd Packet Length Std|Bwd Packet Length Max|"
            + "Bwd Packet Length Min|Bwd Packet Length Mean|Bwd Packet Length Std|Flow Bytes/s|Flow Packets/s|Flow IAT Mean|Flow IAT Std|"
            + "Flow IAT Max|Flow IAT Min|Fwd IAT Total|Fwd IAT Mean|Fwd IAT Std|Fwd IAT Max|Fwd IAT Min|Bwd IAT Total|Bwd IAT Mean|"
            + "Bwd IAT Std|Bwd IAT Max|Bwd IAT Min|Fwd PSH Flags|Bwd PSH Flags|Fwd URG Flags|Bwd URG Flags|Fwd RST Flags|Bwd RST Flags|"
            + "Fwd Header Length|Bwd Header Length|Fwd Packets/s|Bwd Packets/s|Packet Length Min|Packet Length Max|Packet Length Mean|"
            + "Packet Length Std|Packet Length Variance|FIN Flag Count|SYN Flag Count|RST Flag Count|PSH Flag Count|ACK Flag Count|"
            + "URG Flag Count|CWR Flag Count|ECE Flag Count|Down/Up Ratio|Average Packet Size|Fwd Segment Size Avg|Bwd Segment Size Avg|"
            + "Fwd Bytes/Bulk Avg|Fwd Packet/Bulk Avg|Fwd Bulk Rate Avg|Bwd Bytes/Bulk Avg|Bwd Packet/Bulk Avg|Bwd Bulk Rate Avg|"
            + "Subflow Fwd Packets|Subflow Fwd Bytes|Subflow Bwd Packets|Subflow Bwd Bytes|FWD Init Win Bytes|Bwd Init Win Bytes|"
            + "Fwd Act Data Pkts|Fwd Seg Size Min|Active Mean|Active Std|Active Max|Active Min|Idle Mean|Idle Std|Idle Max|Idle Min|"
            + "ICMP Code|ICMP Type|Total TCP Flow Time", '|',
            missing: ["Flow Bytes/s", "Flow Packets/s"],
            absentMinusOne: ["FWD Init Win Bytes", "Bwd Init Win Bytes", "ICMP Code", "ICMP Type"]),
        new LabelSpec("Label", ["BENIGN"]) { Families = CicFamilies },
        connectionFields: ["Flow ID", "Src IP", "Src Port", "Dst IP", "Timestamp"],
        ignoredColumns: ["id", "Attempted Category"],
        description: "The improved CIC-IDS2017 (Engelen, Rimmer, Joosen 2021): 83 features, Label and Attempted Category (not a feature).");

    public static IReadOnlyList<RecordSchema> All { get; } = [NslKdd, UnswNb15, CicIds2017, CicIds2017Improved];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>The built-in schema named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static RecordSchema? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static SchemaColumn[] Columns(string names, char separator, string[]? categorical = null, string[]? missing = null, string[]? absentMinusOne = null) =>
        [.. names.Split(separator).Select(name => new SchemaColumn(name,
            categorical?.Contains(name) == true ? SchemaColumnKind.Categorical : SchemaColumnKind.Numeric)
        {
            Missing = missing?.Contains(name) == true,
            AbsentValue = absentMinusOne?.Contains(name) == true ? -1 : null,
        })];

    private static Dictionary<string, string> Families(params (string Family, string[] Labels)[] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (family, labels) in groups)
            foreach (var label in labels)
                map.TryAdd(label, family);
        return map;
    }
}
