using Microsoft.ML;
using Microsoft.ML.Data;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.MlNet;

/// <summary>
/// An ML.NET multi-class classifier over the families (its "Score" vector holds one probability per
/// class it was trained on; its slot names are the family names, which give <see cref="Classes"/>
/// back on load). The attack score is 1 - P(normal).
/// </summary>
public sealed class MlNetFamilyModel : IScoringModel, IFamilyClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    /// <summary>For each slot of the Score vector, its index in <see cref="Classes"/>.</summary>
    private readonly int[] _slotClass;

    public MlNetFamilyModel(MLContext ml, ITransformer transformer, FeatureEncoder encoder)
    {
        _ml = ml;
        _transformer = transformer;
        Encoder = encoder;
        var output = transformer.GetOutputSchema(MlNetData.ToClassDataView(ml, new EncodedBatch([], 0, encoder.Dimension, 0)).Schema);
        var score = output.GetColumnOrNull(ScoreColumn) ?? throw new InvalidDataException("the model has no Score column");
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var slots = names.DenseValues().Select(n => n.ToString()).ToArray();
        Classes = FamilyClasses.FromTrained(slots);
        _slotClass = slots.Select(n => Classes.Find(n) ?? throw new InvalidDataException($"the model predicts a class '{n}' that is not a family")).ToArray();
    }

    /// <summary>The multi-class output column: a vector of class probabilities.</summary>
    public const string ScoreColumn = "Score";

    public FeatureEncoder Encoder { get; }
    public ITransformer Transformer => _transformer;
    public FamilyClasses Classes { get; }

    public double[] Score(IReadOnlyList<ConnectionRecord> records) =>
        FamilyProbabilities(records).Select(p => 1 - p[0]).ToArray();

    public double[][] FamilyProbabilities(IReadOnlyList<ConnectionRecord> records)
    {
        if (records.Count == 0) return [];
        var view = MlNetData.ToClassDataView(_ml, Encoder.EncodeBatch(records));
        var scored = _transformer.Transform(view);
        return scored.GetColumn<VBuffer<float>>(ScoreColumn).Select(ToFamilyOrder).ToArray();
    }

    // A family absent from training has no slot and probability 0. ML.NET's probabilities sum
    // to 1 up to rounding; renormalize so reports add up.
    private double[] ToFamilyOrder(VBuffer<float> scores)
    {
        var values = new double[Classes.Count];
        var slot = 0;
        foreach (var v in scores.DenseValues()) values[_slotClass[slot++]] = Math.Max(0, v);
        var sum = values.Sum();
        if (sum > 0) for (var c = 0; c < values.Length; c++) values[c] /= sum;
        return values;
    }

    public void Save(Stream payload) =>
        _ml.Model.Save(_transformer, MlNetData.ToClassDataView(_ml, new EncodedBatch([], 0, Encoder.Dimension, 0)).Schema, payload);
}
