using Nad.Core.Records;

namespace Nad.Core.Reading;

/// <summary>One parsed row of a connection-record file; <paramref name="Connection"/> holds <c>nad extract</c>'s connection columns when the file has them.</summary>
public readonly record struct NslKddRow(long Line, ConnectionRecord Record, AttackLabel? Label, int? Difficulty, string[]? Connection = null);
