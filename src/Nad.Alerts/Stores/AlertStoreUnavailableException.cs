namespace Nad.Alerts.Stores;

/// <summary>The alert store could not be reached or opened (a server down, a wrong password, a folder not writable): the CLI exits 69.</summary>
public sealed class AlertStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
