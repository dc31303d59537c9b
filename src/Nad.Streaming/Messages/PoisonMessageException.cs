namespace Nad.Streaming.Messages;

/// <summary>A message that can never be scored (no record id headers, a record that does not read): it goes to the dead letters with this reason.</summary>
public sealed class PoisonMessageException(string reason) : Exception(reason);
