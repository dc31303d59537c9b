using Nad.Core.Records;

namespace Nad.Service.Dashboard;

/// <summary>A ready-made record for the Score page: a real NSL-KDD row and where it comes from.</summary>
public sealed record ConnectionPreset(string Id, string Name, string Description, string Source, ConnectionRecord Record);
