using System.Globalization;

namespace Nad.Core.Detectors;

/// <summary>
/// One trainer parameter, declared once: name, kind, default, range or choices, one-line description.
/// Parsing with the default, refusing bad values, the echo into the manifest and the table of
/// <c>nad models</c> all come from it (<see cref="TrainerDeclaration"/>).
/// </summary>
public sealed record ParameterDeclaration
{
    public required string Name { get; init; }
    public required ParameterKind Kind { get; init; }

    /// <summary>The default as a user would write it.</summary>
    public required string Default { get; init; }

    public required string Description { get; init; }

    public double Min { get; init; } = double.MinValue;
    public double Max { get; init; } = double.MaxValue;

    /// <summary>True when <see cref="Min"/> itself is not allowed (a share above 0).</summary>
    public bool MinExclusive { get; init; }

    /// <summary>The choices of a <see cref="ParameterKind.Choice"/>, or words a <see cref="ParameterKind.Real"/> takes beside numbers ("auto").</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>Set when the parameter matters (and is echoed) only for one target, e.g. class weights for the family target.</summary>
    public PredictionTarget? OnlyFor { get; init; }

    /// <summary>Defaults that depend on another parameter declared before this one: (parameter, value, default).</summary>
    public IReadOnlyList<(string Parameter, string Value, string Default)> DefaultsWhen { get; init; } = [];

    /// <summary>For <see cref="ParameterKind.Text"/>: what is expected, in words, and the check that returns the canonical text or null.</summary>
    public string? TextExpected { get; init; }
    public Func<string, string?>? TextCheck { get; init; }

    public static ParameterDeclaration Int(string name, int @default, int min, int max, string description) => new()
    {
        Name = name,
        Kind = ParameterKind.Integer,
        Default = Invariant(@default),
        Min = min,
        Max = max,
        Description = description,
    };

    public static ParameterDeclaration Real(string name, double @default, double min, double max, string description) => new()
    {
        Name = name,
        Kind = ParameterKind.Real,
        Default = Invariant(@default),
        Min = min,
        Max = max,
        Description = description,
    };

    /// <summary>A share of rows above 0 and at most <paramref name="max"/>, as scikit-learn's contamination.</summary>
    public static ParameterDeclaration Share(string name, string @default, double max, string description, params string[] words) => new()
    {
        Name = name,
        Kind = ParameterKind.Real,
        Default = @default,
        Min = 0,
        MinExclusive = true,
        Max = max,
        Words = words,
        Description = description,
    };

    public static ParameterDeclaration Choice(string name, string @default, IReadOnlyList<string> choices, string description) => new()
    {
        Name = name,
        Kind = ParameterKind.Choice,
        Default = @default,
        Words = choices,
        Description = description,
    };

    public static ParameterDeclaration Bool(string name, bool @default, string description) => new()
    {
        Name = name,
        Kind = ParameterKind.Boolean,
        Default = @default ? "true" : "false",
        Description = description,
    };

    public static ParameterDeclaration Text(string name, string @default, string expected, string description, Func<string, string?>? check = null) => new()
    {
        Name = name,
        Kind = ParameterKind.Text,
        Default = @default,
        TextExpected = expected,
        TextCheck = check,
        Description = description,
    };

    /// <summary>Every name starting with <paramref name="prefix"/> ("supervised."), handed without it to a member model.</summary>
    public static ParameterDeclaration Prefix(string prefix, string @default, string description) => new()
    {
        Name = prefix,
        Kind = ParameterKind.Prefix,
        Default = @default,
        Description = description,
    };

    /// <summary>How the name reads in a list of names ("supervised.&lt;parameter&gt;" for a prefix).</summary>
    public string DisplayName => Kind == ParameterKind.Prefix ? $"{Name}<parameter>" : Name;

    /// <summary>True when <paramref name="name"/> is this parameter (or, for a prefix, one of its family).</summary>
    public bool Matches(string name) => Kind == ParameterKind.Prefix ? name.StartsWith(Name, StringComparison.Ordinal) && name.Length > Name.Length : name == Name;

    /// <summary>What is accepted, in words, for messages: "a whole number from 1 to 10000".</summary>
    public string Expected => Kind switch
    {
        ParameterKind.Integer => $"a whole number from {Number(Min)} to {Number(Max)}",
        ParameterKind.Real => (Words.Count > 0 ? $"{string.Join(" or ", Words.Select(w => $"'{w}'"))} or " : "") +
                              (MinExclusive ? $"a number above {Number(Min)} and up to {Number(Max)}" : $"a number from {Number(Min)} to {Number(Max)}"),
        ParameterKind.Choice => $"one of {string.Join(", ", Words)}",
        ParameterKind.Boolean => "true or false",
        ParameterKind.Text => TextExpected ?? "text",
        _ => "a parameter of the member model",
    };

    /// <summary>The range or choices, short, for the table of <c>nad models</c>.</summary>
    public string Range => Kind switch
    {
        ParameterKind.Integer => $"{Number(Min)}..{Number(Max)}",
        ParameterKind.Real => (MinExclusive ? $"({Number(Min)}, {Number(Max)}]" : $"{Number(Min)}..{Number(Max)}") +
                              (Words.Count > 0 ? $" or {string.Join(", ", Words)}" : ""),
        ParameterKind.Choice => string.Join(" | ", Words),
        ParameterKind.Boolean => "true | false",
        ParameterKind.Text => TextExpected ?? "",
        _ => "see that model",
    };

    /// <summary>The canonical text of a value the user gave, or an <see cref="InvalidParameterException"/> saying what is expected.</summary>
    public string Normalize(string model, string text)
    {
        var canonical = Kind switch
        {
            ParameterKind.Integer => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= Min && i <= Max ? Invariant(i) : null,
            ParameterKind.Real => Words.FirstOrDefault(w => string.Equals(w, text, StringComparison.OrdinalIgnoreCase))
                                  ?? (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && InRange(d) ? Invariant(d) : null),
            ParameterKind.Choice => Words.FirstOrDefault(w => string.Equals(w, text, StringComparison.OrdinalIgnoreCase)),
            ParameterKind.Boolean => bool.TryParse(text, out var b) ? (b ? "true" : "false") : null,
            ParameterKind.Text => TextCheck is null ? text : TextCheck(text),
            _ => text,
        };
        return canonical ?? throw new InvalidParameterException(model, Name, text, Expected);
    }

    private bool InRange(double value) => (MinExclusive ? value > Min : value >= Min) && value <= Max;

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    // Bounds as a person writes them: 0.000001 rather than 1E-06, but 1E-09 rather than nine zeros.
    private static string Number(double value) =>
        value != 0 && Math.Abs(value) < 1e-6 ? value.ToString("0E-0", CultureInfo.InvariantCulture) : value.ToString("0.######", CultureInfo.InvariantCulture);
}
