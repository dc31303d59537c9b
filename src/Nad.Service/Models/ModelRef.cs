namespace Nad.Service.Models;

/// <summary>Which model gave a verdict: its name and version (payload hash prefix).</summary>
public sealed record ModelRef(string Name, string Version);
