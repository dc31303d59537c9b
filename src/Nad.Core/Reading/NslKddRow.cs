using Nad.Core.Records;

namespace Nad.Core.Reading;

/// <summary>One parsed row of a connection-record file.</summary>
public readonly record struct NslKddRow(long Line, ConnectionRecord Record, AttackLabel? Label, int? Difficulty);
