namespace Nad.Service.Dashboard;

/// <summary>How much the model's ROC-AUC falls when one column's values are shuffled among the rows.</summary>
public sealed record FeatureImportance(string Feature, string Group, double AucDrop);
