namespace Nad.Service.Dashboard;

/// <summary>A point of a ROC curve.</summary>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate);
