namespace Nad.Core.Records;

/// <summary>
/// The ground truth of one record: the attack name ("normal" for benign) and its family. NSL-KDD
/// labels have one of the four classic families; other schemas name their own families
/// (<see cref="FamilyName"/>, from <see cref="LabelSpec"/>) and their attacks have <see cref="AttackFamily.Unknown"/>.
/// </summary>
public readonly record struct AttackLabel(string Name, AttackFamily Family)
{
    private readonly string? _familyName;

    public bool IsAttack => Family != AttackFamily.Normal;

    /// <summary>The family as its schema names it ("DoS" for NSL-KDD's DoS, "Exploits" for UNSW-NB15).</summary>
    public string FamilyName
    {
        get => _familyName ?? Family.ToString();
        init => _familyName = value;
    }

    public static AttackLabel Normal { get; } = new(AttackTaxonomy.NormalName, AttackFamily.Normal);

    /// <summary>Parses a raw label such as "normal", "neptune" or "smurf." (KDD Cup 99 style).</summary>
    public static AttackLabel Parse(ReadOnlySpan<char> raw)
    {
        var name = AttackTaxonomy.Normalize(raw);
        return new AttackLabel(name, AttackTaxonomy.FamilyOf(name));
    }

    public override string ToString() => Name;
}
