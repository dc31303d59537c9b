using Nad.Core.Exploration.Statistics;

namespace Nad.Core.Exploration;

/// <summary>
/// The questions a network analyst would ask of NSL-KDD, each as a test. Directional claims
/// ("shorter", "higher") use one-sided tests, so "supported" means the data show that direction.
/// </summary>
internal sealed record AnalystHypotheses(Action<HypothesisTesting> Run)
{
    public static IReadOnlyList<AnalystHypotheses> All { get; } =
    [
        new(t => t.Compare("h-attacks-shorter", "Are attack connections shorter than normal ones?",
            "Attack connections last as long as normal ones, or longer.",
            "duration", ClassGroups.Attack, ClassGroups.Normal, Alternative.Less,
            "attack connections are shorter than normal ones.")),
        new(t => t.Compare("h-dos-syn-errors", "Are SYN error rates higher in DoS than in normal traffic?",
            "The SYN error rate (serrorrate) of DoS connections is no higher than that of normal ones.",
            "serrorrate", "DoS", ClassGroups.Normal, Alternative.Greater,
            "DoS connections have higher SYN error rates than normal ones (SYN floods leave half-open connections).")),
        new(t => t.Compare("h-r2l-failed-logins", "Are failed logins more frequent in R2L attacks than in normal traffic?",
            "R2L connections have no more failed logins than normal ones.",
            "numfailedlogins", "R2L", ClassGroups.Normal, Alternative.Greater,
            "R2L connections have more failed logins than normal ones (password guessing).")),
        new(t => t.DependsOnFamily("h-loggedin-family", "Does logged-in status depend on the attack family?",
            "The share of logged-in connections is the same for normal traffic and every attack family.",
            "loggedin", "logged-in status depends on the family.")),
        new(t => t.DependsOnFamily("h-protocol-family", "Does the protocol mix differ by family?",
            "tcp, udp and icmp occur in the same proportions in normal traffic and every attack family.",
            "protocoltype", "the protocol mix differs by family.")),
        new(t => t.DependsOnFamily("h-flag-family", "Does the connection state (flag) differ by family?",
            "Connection end states (SF, S0, REJ, ...) occur in the same proportions in every family.",
            "flag", "the connection end state differs by family.")),
        new(t => t.Compare("h-bytes-differ", "Do bytes sent differ between normal and attack connections?",
            "srcbytes has the same distribution in attack and normal connections.",
            "srcbytes", ClassGroups.Attack, ClassGroups.Normal, Alternative.TwoSided,
            "bytes sent differ between attack and normal connections.")),
        new(t => t.Compare("h-probe-rej-errors", "Are REJ error rates higher in probes than in normal traffic?",
            "The REJ error rate (rerrorrate) of Probe connections is no higher than that of normal ones.",
            "rerrorrate", "Probe", ClassGroups.Normal, Alternative.Greater,
            "probes meet more rejected connections than normal traffic (closed ports answer with RST).")),
        new(t => t.Compare("h-probe-many-services", "Do probes spread over more services of a host than normal traffic?",
            "The share of different services on the destination host (dsthostdiffsrvrate) is no higher for probes.",
            "dsthostdiffsrvrate", "Probe", ClassGroups.Normal, Alternative.Greater,
            "probes spread over more services of the destination host than normal traffic.")),
        new(t => t.Compare("h-u2r-root-shells", "Do U2R attacks obtain root shells more often than normal sessions?",
            "U2R connections obtain a root shell (rootshell) no more often than normal ones.",
            "rootshell", "U2R", ClassGroups.Normal, Alternative.Greater,
            "U2R connections obtain root shells more often than normal ones.")),
    ];
}
