using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>
/// A scoring model trained for the family target. It still gives the one attack score of
/// <see cref="IScoringModel"/> (1 - P(normal)), so every detector keeps one interface; this adds
/// the probability of each family for reports that need the 5x5 picture.
/// </summary>
public interface IFamilyClassifier
{
    /// <summary>The classes, in the order of each probability row (always <see cref="FamilyClasses.All"/>).</summary>
    IReadOnlyList<AttackFamily> Families { get; }

    /// <summary>One row of probabilities (summing to 1) per record, in <see cref="Families"/> order. Thread-safe.</summary>
    double[][] FamilyProbabilities(IReadOnlyList<ConnectionRecord> records);
}

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
}
