using Nad.Core.Explanations;

namespace Nad.Core.Training;

/// <summary>
/// <c>AlertExplainer.For(detector)</c>: a trained detector explained against its own baseline. It lives
/// here, beside <see cref="Detector"/>, because explanations sit below training and know only <see cref="Detectors.IDetector"/>.
/// </summary>
public static class DetectorExplanations
{
    extension(AlertExplainer)
    {
        /// <summary>An explainer of <paramref name="detector"/> against the normal baseline learned with it (null in older model files).</summary>
        public static AlertExplainer For(Detector detector, ExplanationOptions? options = null) => new(detector, detector.Baseline, options);
    }
}
