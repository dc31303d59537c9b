using System.Collections.Concurrent;

namespace Nad.Core.Wire;

/// <summary>
/// The categorical values the loaded models know ("tcp", "http", "SF", ...), each held once, so
/// parsing a record returns the shared string instead of allocating three per record. A value
/// not registered here (an unseen service) still parses: it gets its own string.
/// </summary>
public static class CategoryValues
{
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds a model's vocabularies (bounded: only model files add values, never requests).</summary>
    public static void Register(IEnumerable<IEnumerable<string>> vocabularies)
    {
        foreach (var vocabulary in vocabularies)
            foreach (var value in vocabulary)
                Known.TryAdd(value, value);
    }

    /// <summary>The shared string equal to <paramref name="text"/>, or a new one when it is not known.</summary>
    public static string Get(ReadOnlySpan<char> text) => Lookup.TryGetValue(text, out var value) ? value : text.ToString();
}
