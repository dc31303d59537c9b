using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nad.Alerts.Tests.Export;

/// <summary>A strict-enough RFC 5424 parser for the test receivers: header fields, one SD element's params, the message.</summary>
public sealed partial record Rfc5424(int Priority, string Timestamp, string HostName, string AppName, string ProcessId, string MessageId,
    string StructuredDataId, IReadOnlyDictionary<string, string> Params, string Message)
{
    public int Facility => Priority / 8;
    public int Severity => Priority % 8;
    public JsonElement Document => JsonDocument.Parse(Message).RootElement.Clone();

    public static Rfc5424 Parse(string text)
    {
        var match = Header().Match(text);
        Assert.True(match.Success, $"not RFC 5424: {text}");
        var parameters = Param().Matches(match.Groups["sd"].Value)
            .ToDictionary(m => m.Groups[1].Value, m => Regex.Replace(m.Groups[2].Value, @"\\(.)", "$1"));
        return new Rfc5424(int.Parse(match.Groups["pri"].Value), match.Groups["ts"].Value, match.Groups["host"].Value, match.Groups["app"].Value,
            match.Groups["proc"].Value, match.Groups["msgid"].Value, match.Groups["sdid"].Value, parameters, match.Groups["msg"].Value);
    }

    [GeneratedRegex("""^<(?<pri>\d{1,3})>1 (?<ts>\S+) (?<host>\S+) (?<app>\S+) (?<proc>\S+) (?<msgid>\S+) \[(?<sdid>[^ \]=]+)(?<sd>(?: [^=\] ]+="(?:[^"\\\]]|\\.)*")*)\] (?<msg>.*)$""", RegexOptions.Singleline)]
    private static partial Regex Header();

    [GeneratedRegex(@"([^=\] ]+)=""((?:[^""\\\]]|\\.)*)""")]
    private static partial Regex Param();
}
