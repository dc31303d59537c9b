using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>
/// The classes of a family model, in the order of its probability rows: Normal first, then the attack
/// families. NSL-KDD's are always the five Normal, DoS, Probe, R2L, U2R (<see cref="NslKdd"/>); another
/// schema's are the families its <see cref="LabelSpec"/> gives the training rows (UNSW-NB15's attack_cat
/// values, CIC-IDS2017's DoS, PortScan, ...), Normal then the rest in ordinal order, so a model trained
/// on the same rows always has the same classes and a loaded model can rebuild them from its class names.
/// </summary>
public sealed class FamilyClasses
{
    /// <summary>The name of class 0, the normal rows (<see cref="AttackLabel.Normal"/>'s family).</summary>
    public const string NormalName = nameof(AttackFamily.Normal);

    /// <summary>NSL-KDD's five classes; also every model whose attack families are all among DoS, Probe, R2L and U2R (files from before schemas).</summary>
    public static FamilyClasses NslKdd { get; } = new(
        [NormalName, nameof(AttackFamily.DoS), nameof(AttackFamily.Probe), nameof(AttackFamily.R2L), nameof(AttackFamily.U2R)]);

    private readonly Dictionary<string, int> _index;

    public FamilyClasses(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count < 2 || names[0] != NormalName)
            throw new ArgumentException($"Family classes start with {NormalName} and have at least one attack family; got [{string.Join(", ", names)}].", nameof(names));
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < names.Count; c++)
        {
            if (string.IsNullOrWhiteSpace(names[c])) throw new ArgumentException("A family class has an empty name.", nameof(names));
            if (!_index.TryAdd(names[c], c) || c > 0 && string.Equals(names[c], NormalName, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"The family '{names[c]}' is named twice (or is '{NormalName}', the normal class).", nameof(names));
        }
        Names = [.. names];
    }

    /// <summary>The class names, Normal first, in the order of every probability row.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>Whether these are NSL-KDD's five classes.</summary>
    public bool IsNslKdd => Names.SequenceEqual(NslKdd.Names, StringComparer.Ordinal);

    /// <summary>The index of a family name, or null when it is not one of these classes.</summary>
    public int? Find(string family) => _index.TryGetValue(family, out var c) ? c : null;

    /// <summary>The class index of a label (0 for normal); null for an attack whose family is not one of these classes.</summary>
    public int? TryIndexOf(AttackLabel label) => label.IsAttack ? Find(label.FamilyName) : 0;

    /// <summary>The class index of a label; throws for an attack whose family is not one of these classes (it cannot be trained on).</summary>
    public int IndexOf(AttackLabel label) => TryIndexOf(label)
        ?? throw new ArgumentException(label.Family == AttackFamily.Unknown && label.FamilyName == nameof(AttackFamily.Unknown)
            ? $"Attack '{label.Name}' has no known family; a family model cannot learn from it."
            : $"Attack '{label.Name}' is of family '{label.FamilyName}', which is not one of the model's families ({string.Join(", ", Names)}).");

    /// <summary>
    /// The classes to train on: NSL-KDD's five for NSL-KDD data; for another schema Normal and the families
    /// of the attack rows, ordinal order (NSL-KDD's five when those are all among DoS, Probe, R2L and U2R,
    /// as <see cref="FromTrained"/> reads them back).
    /// </summary>
    public static FamilyClasses For(RecordSchema schema, IReadOnlyList<AttackLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.IsNslKdd) return NslKdd;
        var families = labels.Where(l => l.IsAttack).Select(l => l.FamilyName).Distinct(StringComparer.Ordinal).ToArray();
        if (families.Length == 0)
            throw new ArgumentException($"The {schema.Name} training rows have no attack rows: a family model needs at least one attack family.");
        if (labels.FirstOrDefault(l => l.IsAttack && string.Equals(l.FamilyName, NormalName, StringComparison.OrdinalIgnoreCase)) is { Name: { } name })
            throw new ArgumentException($"Attack '{name}' is of family '{NormalName}', the name of the normal class; map it to another family in the schema's label families.");
        return FromTrained(families);
    }

    /// <summary>The classes of a model that learned <paramref name="families"/> (its class names, Normal among them or not).</summary>
    public static FamilyClasses FromTrained(IEnumerable<string> families)
    {
        var attacks = families.Where(f => f != NormalName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (attacks.All(f => NslKdd.Find(f) is not null)) return NslKdd;
        return new FamilyClasses([NormalName, .. attacks]);
    }

    /// <summary>The most probable class of one probability row.</summary>
    public string ArgMax(IReadOnlyList<double> probabilities) => Names[ArgMaxIndex(probabilities, 0)];

    /// <summary>The index of the most probable class of one probability row.</summary>
    public int ArgMaxIndex(IReadOnlyList<double> probabilities) => ArgMaxIndex(probabilities, 0);

    /// <summary>
    /// The family to report with a decision: the most probable attack family when the record was judged
    /// an attack (its threshold is on 1 - P(normal), so Normal may still be the single largest class), else Normal.
    /// </summary>
    public string Decided(IReadOnlyList<double> probabilities, bool attack) =>
        attack ? Names[ArgMaxIndex(probabilities, 1)] : NormalName;

    private int ArgMaxIndex(IReadOnlyList<double> probabilities, int from)
    {
        if (probabilities.Count != Count)
            throw new ArgumentException($"A probability row has {probabilities.Count} values; these classes are {Count} ({string.Join(", ", Names)}).");
        var best = from;
        for (var c = from + 1; c < probabilities.Count; c++)
            if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }

    public override string ToString() => string.Join(", ", Names);
}
