using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.Calibration;
using Nad.Core.Features;

namespace Nad.Core.Detectors.Trees;

/// <summary>
/// Copies a trained ML.NET boosted-tree binary classifier (FastTree, LightGBM) into NAD's flat
/// scorer: the trees' sum as <see cref="FlatTreeEnsemble"/> and ML.NET's own Platt calibrator
/// (P = 1 / (1 + exp(slope·score + offset))) as <see cref="PlattScaling"/>, so the probability is
/// ML.NET's, computed without ML.NET.
/// </summary>
public static class MlNetTreeExport
{
    public static TreeEnsembleModel Calibrated<TTrees>(ITransformer model, FeatureEncoder encoder)
        where TTrees : TreeEnsembleModelParametersBasedOnRegressionTree
    {
        if (model is not BinaryPredictionTransformer<CalibratedModelParametersBase<TTrees, PlattCalibrator>> calibrated)
            throw new NotSupportedException($"Expected a Platt-calibrated {typeof(TTrees).Name}, got {model.GetType().Name}.");
        var parameters = calibrated.Model;
        return new TreeEnsembleModel(encoder, FlatTreeEnsemble.From(parameters.SubModel.TrainedTreeEnsemble),
            new PlattScaling(parameters.Calibrator.Slope, parameters.Calibrator.Offset));
    }

    /// <summary>True when a payload is a <see cref="TreeEnsembleModel"/>'s (else an ML.NET model zip); the stream is left where it was.</summary>
    public static bool IsTreeEnsemblePayload(Stream payload) => PayloadFormat.StartsWith(payload, TreeEnsembleModel.Magic);
}
