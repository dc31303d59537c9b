using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Nad.Service.Http;

/// <summary>The file of a multipart/form-data upload, shared by the upload routes (score-file, score-capture).</summary>
internal static class MultipartUpload
{
    public static bool IsMultipart(MediaTypeHeaderValue media) =>
        media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The body of the first file section, or the 400 to answer instead (no valid boundary, no file
    /// section). Errors reading the request body itself are thrown, for the caller's own mapping.
    /// </summary>
    public static async Task<(Stream? File, IResult? Problem)> FirstFileAsync(HttpRequest request, MediaTypeHeaderValue media, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
            return (null, ApiProblems.BadBody("The multipart body has no valid boundary."));
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                return (section.Body, null);
        return (null, ApiProblems.BadBody("The multipart body has no file section."));
    }
}
