namespace Nad.Core.Records;

/// <summary>The ground truth of one record: the attack name ("normal" for benign) and its family.</summary>
public readonly record struct AttackLabel(string Name, AttackFamily Family)
{
    public bool IsAttack => Family != AttackFamily.Normal;

    public static AttackLabel Normal { get; } = new(AttackTaxonomy.NormalName, AttackFamily.Normal);

    /// <summary>Parses a raw label such as "normal", "neptune" or "smurf." (KDD Cup 99 style).</summary>
    public static AttackLabel Parse(ReadOnlySpan<char> raw)
    {
        var name = AttackTaxonomy.Normalize(raw);
        return new AttackLabel(name, AttackTaxonomy.FamilyOf(name));
    }

    public override string ToString() => Name;
}
