using System.Globalization;
using System.Text;

namespace Nad.Alerts.Export;

/// <summary>
/// An alert as one RFC 5424 syslog message:
/// <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID alert [nad@32473 label="attack" rule="hybrid" score="1.3" record="api/…/0"] {ECS JSON}</c>.
/// PRI is facility × 8 + severity (3 error for an attack, 4 warning for an anomaly). The structured data's
/// enterprise number 32473 is the one RFC 5612 reserves for documentation: NAD has none of its own.
/// The message is the ECS document (UTF-8 without a BOM, so MSG-ANY), for a SIEM's JSON parser.
/// </summary>
public static class SyslogMessage
{
    public const string MessageId = "alert";
    public const string StructuredDataId = "nad@32473";

    public static byte[] Format(Alert alert, EcsDocument ecs, int facility, string appName, string hostName, int processId)
    {
        var (model, _, score) = EcsDocument.RuleOf(alert);
        var text = new StringBuilder(256);
        text.Append(CultureInfo.InvariantCulture, $"<{facility * 8 + EcsDocument.SeverityOf(alert)}>1 ");
        text.Append(alert.TimeUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        text.Append(' ').Append(Header(hostName, 255)).Append(' ').Append(Header(appName, 48));
        text.Append(CultureInfo.InvariantCulture, $" {processId} {MessageId} [{StructuredDataId}");
        Param(text, "label", alert.Label);
        if (model is not null) Param(text, "rule", model);
        if (score is { } s && double.IsFinite(s)) Param(text, "score", s.ToString("R", CultureInfo.InvariantCulture));
        if (alert.RecordId is not null) Param(text, "record", alert.RecordId);
        text.Append("] ");
        var head = Encoding.UTF8.GetBytes(text.ToString());
        var body = ecs.ToUtf8(alert);
        return [.. head, .. body];
    }

    /// <summary>A header field: printable US-ASCII without spaces, at most <paramref name="max"/> characters, "-" when empty.</summary>
    private static string Header(string value, int max)
    {
        var clean = new string([.. value.Where(c => c is > ' ' and <= '~').Take(max)]);
        return clean.Length == 0 ? "-" : clean;
    }

    private static void Param(StringBuilder text, string name, string value)
    {
        text.Append(' ').Append(name).Append("=\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']') text.Append('\\');
            text.Append(c);
        }
        text.Append('"');
    }
}
