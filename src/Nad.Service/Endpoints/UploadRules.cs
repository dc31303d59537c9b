namespace Nad.Service.Endpoints;

/// <summary>What an upload route takes: its answer formats (the first is the default), its size limit, its raw content types.</summary>
/// <param name="What">How problems name the upload ("upload", "capture upload").</param>
/// <param name="Limit">Largest file, in bytes (413 over it).</param>
/// <param name="Allowance">Bytes allowed on top of the limit for a multipart form's boundaries and headers.</param>
/// <param name="Accepted">The content types, as a 415 answer lists them.</param>
internal sealed record UploadRules(string What, long Limit, long Allowance, string[] Formats, string[] RawTypes, string Accepted);
