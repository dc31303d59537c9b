using System.Globalization;

namespace Nad.Core.Detectors;

/// <summary>A trainer's parameter values, checked and with defaults filled in (<see cref="TrainerDeclaration.Read"/>).</summary>
public sealed class ParameterValues
{
    private readonly TrainerDeclaration _declaration;
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlyDictionary<string, string> _prefixed;

    internal ParameterValues(TrainerDeclaration declaration, TrainerSettings settings, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> prefixed)
    {
        _declaration = declaration;
        Settings = settings;
        _values = values;
        _prefixed = prefixed;
    }

    /// <summary>The settings they were read from (seed, threads, target).</summary>
    public TrainerSettings Settings { get; }

    /// <summary>The canonical text of a declared parameter.</summary>
    public string Text(string name) => _values.TryGetValue(name, out var value) ? value
        : throw new KeyNotFoundException($"Model '{_declaration.Model}' declares no parameter '{name}'.");

    public int Int(string name) => int.Parse(Text(name), CultureInfo.InvariantCulture);
    public double Real(string name) => double.Parse(Text(name), CultureInfo.InvariantCulture);
    public bool Bool(string name) => Text(name) == "true";

    /// <summary>True when a parameter that takes words beside numbers holds <paramref name="word"/> ("auto").</summary>
    public bool Is(string name, string word) => string.Equals(Text(name), word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The parameters given under a prefix ("supervised.trees"), without it ("trees").</summary>
    public IReadOnlyDictionary<string, string> WithPrefix(string prefix) =>
        _prefixed.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// The settings for the manifest and reports: every declared parameter that applies to the target,
    /// in declaration order, then <paramref name="extras"/> (settings that are not parameters, e.g. the seed), which may override.
    /// </summary>
    public IReadOnlyDictionary<string, string> Echo(params (string Name, string Value)[] extras)
    {
        var echo = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in _declaration.Parameters)
            if (parameter.Kind != ParameterKind.Prefix && (parameter.OnlyFor is null || parameter.OnlyFor == Settings.Target))
                echo[parameter.Name] = _values[parameter.Name];
        foreach (var (name, value) in extras) echo[name] = value;
        return echo;
    }

    /// <summary>The seed as the manifest shows it.</summary>
    public (string, string) Seed => ("seed", Settings.Seed.ToString(CultureInfo.InvariantCulture));
}
