using Nad.Core.Evaluation;

namespace Nad.Service.Dashboard;

/// <summary>A model measured on the official test file at its own threshold.</summary>
public sealed record ModelEvaluation(string Model, string Version, string Data, int Rows, double Threshold, BinaryMetrics Metrics,
    IReadOnlyList<RocPoint> Roc, IReadOnlyList<FamilyRecall> Families);
