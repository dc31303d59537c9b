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

        var roots = new int[trees.Count];
        var leafStart = new int[trees.Count];
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leaves = new List<double>();
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var leafValues = Doubles(tree, "leaf_value");
            roots[t] = leafValues.Length == 1 ? -1 : feature.Count;
            leafStart[t] = leaves.Count;
            leaves.AddRange(leafValues);
            if (leafValues.Length == 1) continue;
            if (tree.TryGetValue("num_cat", out var cat) && cat != "0")
                throw new NotSupportedException("Categorical tree splits are not supported.");
            var decisions = Ints(tree, "decision_type");
            // Bit 0: categorical; bits 2-3: missing-value type. NAD's features are never NaN, and zero is not treated as missing.
            if (decisions.Any(d => (d & 1) != 0 || ((d >> 2) & 3) == 1))
                throw new NotSupportedException("Categorical or zero-as-missing splits are not supported.");
            var offset = feature.Count;
            feature.AddRange(Ints(tree, "split_feature"));
            // x <= t for a float x equals x <= the largest float not above t: exact for LightGBM's double thresholds.
            threshold.AddRange(Doubles(tree, "threshold").Select(FloatAtOrBelow));
            left.AddRange(Ints(tree, "left_child").Select(c => c >= 0 ? c + offset : c));
            right.AddRange(Ints(tree, "right_child").Select(c => c >= 0 ? c + offset : c));
            if (feature.Count != left.Count || feature.Count != right.Count || feature.Count != threshold.Count)
                throw new InvalidDataException($"LightGBM tree {t}: split arrays disagree in length");
        }
        var weight = Enumerable.Repeat(average ? 1.0 / trees.Count : 1.0, trees.Count).ToArray();
        return new FlatTreeEnsemble(roots, [.. feature], [.. threshold], [.. left], [.. right], leafStart, [.. leaves], weight, 0);
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
