namespace Nad.Service.Dashboard;

/// <summary>One feature column as the Score page's form shows it.</summary>
public sealed record SchemaColumn(string Name, int Index, string Kind, string Group, string Description);
