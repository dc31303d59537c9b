namespace Nad.Service.Dashboard;

/// <summary>The 41 columns and the categorical values the active supervised model knows.</summary>
public sealed record SchemaView(IReadOnlyList<SchemaColumn> Columns, IReadOnlyDictionary<string, IReadOnlyList<string>> Categories);
