using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>
/// Per-row weights that let rare classes count (R2L has 995 training rows, U2R 52, against
/// 67,343 normal): "balanced" gives each class the same total weight (scikit-learn's
/// class_weight="balanced"), "sqrt" the square root of that (a milder push), "none" all 1.
/// </summary>
public static class ClassWeighting
{
    public static readonly string[] Modes = ["none", "sqrt", "balanced"];

    /// <summary>The family target's <c>class-weight</c> parameter, declared once for the models that learn families.</summary>
    public static ParameterDeclaration Parameter { get; } =
        ParameterDeclaration.Choice("class-weight", "sqrt", Modes, "row weights of rare families (R2L, U2R)") with { OnlyFor = PredictionTarget.Family };

    public static float[] RowWeights(IReadOnlyList<int> classes, int classCount, string mode)
    {
        if (!Modes.Contains(mode)) throw new ArgumentException($"Class weighting '{mode}' is unknown; use one of {string.Join(", ", Modes)}.");
        var counts = new long[classCount];
        foreach (var c in classes) counts[c]++;
        var perClass = new double[classCount];
        for (var c = 0; c < classCount; c++)
        {
            var balanced = counts[c] == 0 ? 0 : (double)classes.Count / (classCount * counts[c]);
            perClass[c] = mode switch { "balanced" => balanced, "sqrt" => Math.Sqrt(balanced), _ => 1 };
        }
        return classes.Select(c => (float)perClass[c]).ToArray();
    }

    /// <summary>The class index of every label among <paramref name="classes"/>.</summary>
    public static int[] FamilyIndices(FamilyClasses classes, IReadOnlyList<AttackLabel> labels) => labels.Select(classes.IndexOf).ToArray();
}
