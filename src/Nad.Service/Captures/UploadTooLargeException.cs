namespace Nad.Service.Captures;

/// <summary>An upload over the configured size limit (answered 413).</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"The upload is larger than the limit of {limit:N0} bytes.");
