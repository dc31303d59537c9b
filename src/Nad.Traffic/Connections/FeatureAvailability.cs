using Nad.Traffic.Content;

namespace Nad.Traffic.Connections;

/// <summary>
/// Which features each input cannot observe (left at the NSL-KDD default, 0) and which are
/// heuristic estimates. Names are the schema's column names. Shared arrays: one per case, not per record.
/// </summary>
public static class FeatureAvailability
{
    private static readonly string[] NeverFromPayload =
        ["hot", "numcompromised", "rootshell", "suattempted", "numroot", "numfilecreations", "numshells", "numaccessfiles", "ishostlogin"];

    private static readonly string[] PcapLoginService = NeverFromPayload;
    private static readonly string[] PcapOtherService = [.. NeverFromPayload, "numfailedlogins", "isguestlogin"];
    private static readonly string[] PcapIcmp = [.. NeverFromPayload, "numfailedlogins", "isguestlogin", "loggedin"];
    private static readonly string[] ZeekAll =
        ["wrongfragment", "urgent", "hot", "numfailedlogins", "numcompromised", "rootshell", "suattempted", "numroot",
         "numfilecreations", "numshells", "numaccessfiles", "ishostlogin", "isguestlogin"];

    public static IReadOnlyList<string> None { get; } = [];
    public static IReadOnlyList<string> LoggedInEstimated { get; } = ["loggedin"];
    public static IReadOnlyList<string> LoggedInAndBytesEstimated { get; } = ["srcbytes", "dstbytes", "loggedin"];

    public static IReadOnlyList<string> PcapNotObserved(string protocol, string service) =>
        protocol == "icmp" ? PcapIcmp : LoginAnalyzer.Covers(service) && protocol == "tcp" ? PcapLoginService : PcapOtherService;

    public static IReadOnlyList<string> PcapEstimated(string protocol, string service) =>
        protocol == "icmp" || (LoginAnalyzer.Covers(service) && protocol == "tcp") ? None : LoggedInEstimated;

    public static IReadOnlyList<string> ZeekNotObserved => ZeekAll;

    private static readonly HashSet<string> ApplicationServices = new(StringComparer.Ordinal)
        { "http", "smtp", "ftp", "ftp_data", "pop_3", "telnet", "login", "imap4", "http_443" };

    /// <summary>
    /// logged_in where no login can be seen: 1 when the application exchange went through
    /// (established flag, a known application service, bytes back). In NSL-KDD, http with SF has
    /// logged_in = 1 in 42,564 of 42,627 rows, so "the exchange succeeded" is the working meaning.
    /// </summary>
    public static bool EstimateLoggedIn(string flag, string service, long responderBytes) =>
        flag is "SF" or "S1" or "S2" or "S3" or "RSTO" or "RSTR" && ApplicationServices.Contains(service) && responderBytes > 0;
}
