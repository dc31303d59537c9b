using Nad.Core.Reading;

namespace Nad.Traffic.Zeek;

/// <summary>Column positions of a conn.log, read from its <c>#fields</c> line.</summary>
internal sealed class ZeekHeader
{
    private readonly Dictionary<string, int> positions;

    private ZeekHeader(string[] names)
    {
        positions = [];
        for (var i = 0; i < names.Length; i++) positions.TryAdd(names[i], i);
        Count = names.Length;
    }

    public int Count { get; }
    public int Ts => positions["ts"];
    public int OrigHost => positions["id.orig_h"];
    public int OrigPort => positions["id.orig_p"];
    public int RespHost => positions["id.resp_h"];
    public int RespPort => positions["id.resp_p"];
    public int Proto => positions["proto"];
    public int ConnState => positions["conn_state"];
    public int? Duration => Optional("duration");
    public int? OrigBytes => Optional("orig_bytes");
    public int? RespBytes => Optional("resp_bytes");
    public int? MissedBytes => Optional("missed_bytes");
    public int? History => Optional("history");
    public int? OrigPkts => Optional("orig_pkts");
    public int? RespPkts => Optional("resp_pkts");
    public int? OrigIpBytes => Optional("orig_ip_bytes");
    public int? RespIpBytes => Optional("resp_ip_bytes");

    private int? Optional(string name) => positions.TryGetValue(name, out var i) ? i : null;

    public static ZeekHeader Parse(string[] names, IEnumerable<string> required, string path, long line)
    {
        var header = new ZeekHeader(names);
        var missing = required.Where(r => !header.positions.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new DataFormatException(new DataError(path, line, null, "#fields", null,
                $"lacks the conn.log fields {string.Join(", ", missing)}; is this a conn.log (not another Zeek log)?"));
        return header;
    }
}
