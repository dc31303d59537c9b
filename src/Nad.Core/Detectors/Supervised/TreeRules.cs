using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Features;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// A decision tree as readable rules: the splits of the first tree of a FastTree model (the
/// whole model for <c>decision-tree</c>), with feature names from the encoder and log1p
/// thresholds turned back into raw values.
/// </summary>
public sealed class TreeRules
{
    private readonly RegressionTree _tree;
    private readonly FeatureEncoder _encoder;

    private TreeRules(RegressionTree tree, FeatureEncoder encoder)
    {
        _tree = tree;
        _encoder = encoder;
    }

    public int Leaves => _tree.NumberOfLeaves;

    /// <summary>The rules of a tree model, or null when the model holds no FastTree tree.</summary>
    public static TreeRules? From(IScoringModel model)
    {
        if (model is not MlNetBinaryModel binary) return null;
        foreach (var transformer in Flatten(binary.Transformer))
        {
            if (transformer is not ISingleFeaturePredictionTransformer<object> predictor) continue;
            var parameters = predictor.Model;
            // A calibrated model wraps the trees; its SubModel is only reachable through the generic type.
            // (The calibrated type redeclares SubModel, so GetProperty(name) would be ambiguous.)
            if (parameters.GetType().GetProperties().FirstOrDefault(p => p.Name == "SubModel")?.GetValue(parameters) is { } sub) parameters = sub;
            if (parameters is TreeEnsembleModelParametersBasedOnRegressionTree trees && trees.TrainedTreeEnsemble.Trees.Count > 0)
                return new TreeRules(trees.TrainedTreeEnsemble.Trees[0], binary.Encoder);
        }
        return null;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    /// <summary>The tree down to <paramref name="maxDepth"/> as indented if/else rules; deeper parts are summarized.</summary>
    public string Render(int maxDepth)
    {
        var text = new StringBuilder();
        Write(text, 0, 0, maxDepth);
        return text.ToString();
    }

    private void Write(StringBuilder text, int node, int depth, int maxDepth)
    {
        var indent = new string(' ', depth * 2);
        if (node < 0)
        {
            var value = _tree.LeafValues[~node];
            text.AppendLine($"{indent}=> {(value > 0 ? "attack" : "normal")} (leaf value {value.ToString("+0.000;-0.000", CultureInfo.InvariantCulture)})");
            return;
        }
        if (depth >= maxDepth)
        {
            var (attack, normal) = CountLeaves(node);
            text.AppendLine($"{indent}... {attack + normal} more leaves ({attack} attack, {normal} normal)");
            return;
        }
        var (left, right) = Conditions(node);
        text.AppendLine($"{indent}if {left}:");
        Write(text, _tree.LeftChild[node], depth + 1, maxDepth);
        text.AppendLine($"{indent}else if {right}:");
        Write(text, _tree.RightChild[node], depth + 1, maxDepth);
    }

    /// <summary>The conditions of the left (value &lt;= threshold) and right branch, in the terms of the raw record.</summary>
    private (string Left, string Right) Conditions(int node)
    {
        var feature = _tree.NumericalSplitFeatureIndexes[node];
        var threshold = _tree.NumericalSplitThresholds[node];
        var name = feature < _encoder.FeatureNames.Count ? _encoder.FeatureNames[feature] : $"feature {feature}";
        var standardized = _encoder.Means is not null;
        if (!standardized && name.Contains('=', StringComparison.Ordinal) && threshold is > 0 and < 1)
        {
            // A one-hot slot: "service=http" is 0 or 1.
            var equals = name.IndexOf('=');
            return ($"{name[..equals]} != {name[(equals + 1)..]}", $"{name[..equals]} == {name[(equals + 1)..]}");
        }
        string value;
        if (!standardized && name.EndsWith(" (log1p)", StringComparison.Ordinal))
        {
            name = name[..^" (log1p)".Length];
            value = (Math.Exp(threshold) - 1).ToString("0.###", CultureInfo.InvariantCulture);
        }
        else value = threshold.ToString("0.####", CultureInfo.InvariantCulture);
        return ($"{name} <= {value}", $"{name} > {value}");
    }

    private (int Attack, int Normal) CountLeaves(int node)
    {
        if (node < 0) return _tree.LeafValues[~node] > 0 ? (1, 0) : (0, 1);
        var (a1, n1) = CountLeaves(_tree.LeftChild[node]);
        var (a2, n2) = CountLeaves(_tree.RightChild[node]);
        return (a1 + a2, n1 + n2);
    }
}
