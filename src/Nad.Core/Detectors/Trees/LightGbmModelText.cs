using System.Globalization;

namespace Nad.Core.Detectors.Trees;

/// <summary>
/// Reads LightGBM's text model format (<c>Tree=k</c> blocks of <c>split_feature</c>,
/// <c>threshold</c>, <c>left_child</c>, ...) into a <see cref="FlatTreeEnsemble"/> whose output is
/// LightGBM's raw score: the sum of the trees, or their mean when the model says
/// <c>average_output</c> (random forest). Children below zero are ~leaf, as in ML.NET.
/// </summary>
public static class LightGbmModelText
{
    public static FlatTreeEnsemble Parse(string text)
    {
        var average = false;
        var trees = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line == "average_output") average = true;
            else if (line.StartsWith("Tree=", StringComparison.Ordinal)) trees.Add(current = []);
            else if (line.StartsWith("end of trees", StringComparison.Ordinal)) current = null;
            else if (current is not null && line.IndexOf('=') is var eq and > 0) current[line[..eq]] = line[(eq + 1)..];
        }
        if (trees.Count == 0) throw new InvalidDataException("LightGBM model text holds no trees");

        var builder = new FlatTreeEnsemble.Builder();
        var weight = average ? 1.0 / trees.Count : 1.0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var leafValues = Doubles(tree, "leaf_value");
            if (leafValues.Length == 1)
            {
                builder.AddTree([], [], [], [], leafValues, weight);
                continue;
            }
            if (tree.TryGetValue("num_cat", out var cat) && cat != "0")
                throw new NotSupportedException("Categorical tree splits are not supported.");
            var decisions = Ints(tree, "decision_type");
            // Bit 0: categorical; bits 2-3: missing-value type. NAD's features are never NaN, and zero is not treated as missing.
            if (decisions.Any(d => (d & 1) != 0 || ((d >> 2) & 3) == 1))
                throw new NotSupportedException("Categorical or zero-as-missing splits are not supported.");
            var feature = Ints(tree, "split_feature");
            // x <= t for a float x equals x <= the largest float not above t: exact for LightGBM's double thresholds.
            var threshold = Doubles(tree, "threshold").Select(FloatAtOrBelow).ToArray();
            var left = Ints(tree, "left_child");
            var right = Ints(tree, "right_child");
            if (feature.Length != left.Length || feature.Length != right.Length || feature.Length != threshold.Length)
                throw new InvalidDataException($"LightGBM tree {t}: split arrays disagree in length");
            builder.AddTree(feature, threshold, left, right, leafValues, weight);
        }
        return builder.Build(0);
    }

    private static float FloatAtOrBelow(double value)
    {
        var f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }

    private static string Field(Dictionary<string, string> tree, string name) =>
        tree.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"LightGBM tree has no {name}");

    private static int[] Ints(Dictionary<string, string> tree, string name) =>
        Field(tree, name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    private static double[] Doubles(Dictionary<string, string> tree, string name) =>
        Field(tree, name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
