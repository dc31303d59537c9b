using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>The five classes of the family target and their indices.</summary>
public static class FamilyClasses
{
    public static IReadOnlyList<AttackFamily> All { get; } =
        [AttackFamily.Normal, AttackFamily.DoS, AttackFamily.Probe, AttackFamily.R2L, AttackFamily.U2R];

    public static int Count => All.Count;

    /// <summary>The class index of a label; throws for attack names with no known family (they cannot be trained on).</summary>
    public static int IndexOf(AttackLabel label) => label.Family switch
    {
        AttackFamily.Normal => 0,
        AttackFamily.DoS => 1,
        AttackFamily.Probe => 2,
        AttackFamily.R2L => 3,
        AttackFamily.U2R => 4,
        _ => throw new ArgumentException($"Attack '{label.Name}' has no known family; a family model cannot learn from it."),
    };

    /// <summary>The most probable family of one probability row.</summary>
    public static AttackFamily ArgMax(IReadOnlyList<double> probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Count; c++)
            if (probabilities[c] > probabilities[best]) best = c;
        return All[best];
    }

    /// <summary>
    /// The family to report with a decision: the most probable attack family when the record was judged
    /// an attack (its threshold is on 1 - P(normal), so Normal may still be the single largest class), else Normal.
    /// </summary>
    public static AttackFamily Decided(IReadOnlyList<double> probabilities, bool attack)
    {
        if (!attack) return AttackFamily.Normal;
        var best = 1;
        for (var c = 2; c < probabilities.Count; c++)
            if (probabilities[c] > probabilities[best]) best = c;
        return All[best];
    }
}
