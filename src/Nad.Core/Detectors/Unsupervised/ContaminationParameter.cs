using Nad.Core.Thresholds;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// The <c>contamination</c> parameter the unsupervised trainers share (scikit-learn's): the expected share
/// of anomalies among the training rows, which becomes a <see cref="ContaminationRule"/>; with "auto"
/// (Isolation Forest only) the model's natural cut instead.
/// </summary>
public static class ContaminationParameter
{
    public const string Name = "contamination";
    public const string Auto = "auto";

    /// <summary>A share in (0, 0.5]; <paramref name="allowAuto"/> also takes "auto".</summary>
    public static ParameterDeclaration Declare(string @default, bool allowAuto) =>
        ParameterDeclaration.Share(Name, @default, 0.5, "share of the training rows the threshold flags" + (allowAuto ? "; auto: the model's natural cut" : ""),
            allowAuto ? [Auto] : []);

    /// <summary>The default threshold rule the value gives: a contamination share, or <paramref name="auto"/>.</summary>
    public static IThresholdRule Rule(ParameterValues values, IThresholdRule? auto = null) =>
        auto is not null && values.Is(Name, Auto) ? auto : new ContaminationRule(values.Real(Name));
}
