namespace Nad.Service.Dashboard;

/// <summary>Share of one attack family's rows the model flags.</summary>
public sealed record FamilyRecall(string Family, int Rows, double Recall);
