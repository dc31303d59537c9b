namespace Nad.Core.Records;

/// <summary>
/// Where a schema's ground truth is: the label column (an attack name or category), the value(s)
/// that mean normal, and which family each label belongs to (a label missing from the map is its
/// own family: UNSW-NB15's attack_cat already is one). <see cref="BinaryColumn"/> is a 0/1 column
/// (UNSW-NB15's <c>label</c>) that is never a feature; it gives the label when the label column is absent.
/// </summary>
public sealed record LabelSpec(string Column, IReadOnlyList<string> NormalValues)
{
    public IReadOnlyDictionary<string, string> Families { get; init; } = new Dictionary<string, string>();
    public string? BinaryColumn { get; init; }

    public bool IsNormal(string label) => NormalValues.Any(n => string.Equals(n, label, StringComparison.OrdinalIgnoreCase));

    /// <summary>The family of a label: "normal", the mapped family, or the label itself.</summary>
    public string FamilyOf(string label) => IsNormal(label) ? AttackTaxonomy.NormalName
        : Families.TryGetValue(label, out var family) ? family
        : Families.FirstOrDefault(p => string.Equals(p.Key, label, StringComparison.OrdinalIgnoreCase)).Value ?? label;

    /// <summary>
    /// The label of a raw cell: trimmed, with the dashes of Windows-1252 files (<c>Web Attack \x96 Brute Force</c>) as '-'.
    /// Normal rows get the canonical name "normal" so every front end can tell them apart the same way.
    /// </summary>
    public AttackLabel Parse(ReadOnlySpan<char> raw)
    {
        var name = Canonical(raw);
        if (IsNormal(name)) return AttackLabel.Normal;
        return new AttackLabel(name, AttackFamily.Unknown) { FamilyName = FamilyOf(name) };
    }

    /// <summary>The label from the binary column's value (0 normal, anything else attack).</summary>
    public static AttackLabel FromBinary(bool attack) =>
        attack ? new AttackLabel("attack", AttackFamily.Unknown) { FamilyName = "attack" } : AttackLabel.Normal;

    private static string Canonical(ReadOnlySpan<char> raw)
    {
        var text = raw.Trim().ToString();
        return text.Replace('\u2013', '-').Replace('\u2014', '-');
    }
}
