using Microsoft.ML;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors.MlNet;

/// <summary>
/// What every ML.NET-backed trainer shares: learn the encoder, turn records into an IDataView,
/// fit the pipeline the subclass builds, and wrap the result as a scoring model. A subclass
/// says only which ML.NET estimator to use (and whether inputs are standardized).
/// </summary>
public abstract class MlNetTrainer(TrainerSettings? settings, TrainerDeclaration declaration) : DeclaredTrainer(declaration, settings)
{
    public override bool IsSupervised => true;
    public override IThresholdRule DefaultThreshold => HeldOutMaxF1Rule.Instance;

    /// <summary>The declared parameters, the model's own extras (a fixed calibrator, the thread count), then the seed, scaling and target.</summary>
    public override IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var extras = Extras.Append(Values.Seed).Append(("standardize", Standardize ? "true" : "false"));
            if (Settings.Target == PredictionTarget.Family) extras = extras.Append(("target", "family"));
            return Values.Echo([.. extras]);
        }
    }

    protected override IEnumerable<(string Name, string Value)> Extras => [];

    /// <summary>Linear models need standardized inputs (else they collapse to the majority class); trees do not.</summary>
    protected virtual bool Standardize => false;

    /// <summary>The estimator for normal/attack: reads "Features" and boolean "Label", outputs "Probability".</summary>
    protected abstract IEstimator<ITransformer> BinaryPipeline(MLContext ml);

    /// <summary>The estimator for the family target (key "Label", "Weight"; outputs a "Score" probability vector), or null if unsupported.</summary>
    protected virtual IEstimator<ITransformer>? FamilyPipeline(MLContext ml) => null;

    /// <summary>How rare families are weighted for the family target (<see cref="ClassWeighting"/>).</summary>
    protected virtual string ClassWeights => "none";

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new(FitModel(data, progress, cancellationToken));

    private IScoringModel FitModel(ConnectionDataset data, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var labels = data.RequireLabels();
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = Standardize });
        var batch = encoder.EncodeBatch(data.Records);
        cancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(Settings.Seed);
        progress?.Report(new TrainingProgress($"fitting {Name}", 0.1));

        if (Settings.Target == PredictionTarget.Family)
        {
            var pipeline = FamilyPipeline(ml)
                ?? throw new InvalidOperationException($"Model '{Name}' declares the family target but has no family pipeline.");
            var families = FamilyClasses.For(data.Schema, labels);
            var classes = ClassWeighting.FamilyIndices(families, labels);
            var weights = ClassWeighting.RowWeights(classes, families.Count, ClassWeights);
            // Text labels mapped to keys by ML.NET itself; the model reads the Score slot names back, so no key arithmetic here.
            var names = classes.Select(c => families.Names[c]).ToArray();
            var familyModel = ml.Transforms.Conversion.MapValueToKey(MlNetData.LabelColumn)
                .Append(pipeline)
                .Fit(MlNetData.ToClassDataView(ml, batch, names, weights));
            progress?.Report(new TrainingProgress("done", 1));
            return new MlNetFamilyModel(ml, familyModel, encoder);
        }

        var truth = labels.Select(l => l.IsAttack).ToArray();
        if (FitWithoutMlNet(encoder, batch, truth, cancellationToken) is { } direct)
        {
            progress?.Report(new TrainingProgress("done", 1));
            return direct;
        }
        var model = BinaryPipeline(ml).Fit(MlNetData.ToDataView(ml, batch, truth));
        var scoring = BinaryModel(ml, model, encoder, batch, truth);
        progress?.Report(new TrainingProgress("done", 1));
        return scoring;
    }

    /// <summary>A binary model trained straight from the encoded rows, skipping ML.NET (null: use <see cref="BinaryPipeline"/>).</summary>
    protected virtual IScoringModel? FitWithoutMlNet(FeatureEncoder encoder, EncodedBatch batch, bool[] truth, CancellationToken cancellationToken) => null;

    /// <summary>
    /// Wraps the fitted binary pipeline for scoring. By default ML.NET scores it; a tree model may
    /// instead export its trees to NAD's own flat scorer (see <see cref="Trees.TreeEnsembleModel"/>).
    /// </summary>
    protected virtual IScoringModel BinaryModel(MLContext ml, ITransformer model, FeatureEncoder encoder, EncodedBatch batch, bool[] truth) =>
        new MlNetBinaryModel(ml, model, encoder);

}
