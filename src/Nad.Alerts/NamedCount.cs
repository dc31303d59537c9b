namespace Nad.Alerts;

/// <summary>A count under a name (an attack family, a service).</summary>
public sealed record NamedCount(string Name, long Count);
