using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>
/// A scoring model trained for the family target. It still gives the one attack score of
/// <see cref="IScoringModel"/> (1 - P(normal)), so every detector keeps one interface; this adds
/// the probability of each family for reports that need the family-by-family picture.
/// </summary>
public interface IFamilyClassifier
{
    /// <summary>The classes, in the order of each probability row (Normal first; NSL-KDD's five, or the schema's families it was trained on).</summary>
    FamilyClasses Classes { get; }

    /// <summary>One row of probabilities (summing to 1) per record, in <see cref="Classes"/> order. Thread-safe.</summary>
    double[][] FamilyProbabilities(IReadOnlyList<ConnectionRecord> records);
}
