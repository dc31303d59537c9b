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
