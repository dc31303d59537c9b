namespace Nad.Streaming.Connecting;

/// <summary>No NATS server answered at the given URL (the CLI exits 69, naming it).</summary>
public sealed class NatsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
