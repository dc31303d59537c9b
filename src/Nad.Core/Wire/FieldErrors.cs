namespace Nad.Core.Wire;

/// <summary>
/// Problems found in a request, by field ("srcbytes", "[3].service", "$" for the whole body),
/// in the shape of RFC 7807 validation problems. Stops listing after a cap so that a huge bad
/// batch does not answer megabytes, but says how many more there were.
/// </summary>
public sealed class FieldErrors(int maxListed)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private int _listed;

    public int Count { get; private set; }
    public bool Any => Count > 0;

    public void Add(string field, string problem)
    {
        Count++;
        if (_listed >= maxListed) return;
        _listed++;
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(problem);
    }

    public Dictionary<string, string[]> ToDictionary()
    {
        var result = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        if (Count > _listed) result["$"] = [.. result.GetValueOrDefault("$") ?? [], $"{Count - _listed} more problems not listed (the first {_listed} are)"];
        return result;
    }
}
