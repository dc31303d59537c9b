namespace Nad.Service.Captures;

/// <summary>The spool folder cannot take the upload (missing rights, disk full): answered 503, the server's path kept out of it.</summary>
public sealed class CaptureSpoolUnavailableException(Exception inner)
    : Exception("The service cannot store uploads right now (its capture spool folder, Nad:CaptureSpoolDir, is not writable or full).", inner);
