using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Nad.Core.Wire;
using Nad.Service.Http;
using Nad.Service.Models;
using Nad.Service.Scoring;

namespace Nad.Service.Endpoints;

/// <summary>
/// The prologue the upload routes (score-file, score-capture) share: a supervised model to score with
/// (else 503), the answer format from <c>?format=</c> (else 400), the size (413 early on Content-Length,
/// and the server's own body limit), the content type (415) and the file itself: the raw body or the
/// first file of a multipart form (a form without one, or cut short, is a 400).
/// </summary>
internal sealed record UploadRequest(LoadedModel Supervised, LoadedModel? Unsupervised, string Format, Stream File)
{
    public static async Task<(UploadRequest? Upload, IResult? Problem)> OpenAsync(HttpContext context, Scorer scorer, UploadRules rules)
    {
        if (scorer.SupervisedModel is not { } supervised) return (null, ApiProblems.NoModel("supervised"));
        if (!supervised.Detector.Schema.IsNslKdd)
            return (null, ApiProblems.NslKddOnly(rules.What[..1].ToUpperInvariant() + rules.What[1..] + "s", supervised.Name, supervised.Detector.Schema.Name));
        var unsupervised = scorer.UnsupervisedModel is { Detector.Schema.IsNslKdd: true } nsl ? nsl : null;
        var format = context.Request.Query["format"].ToString() is { Length: > 0 } f ? f : rules.Formats[0];
        if (!rules.Formats.Contains(format))
        {
            var errors = new FieldErrors(1);
            errors.Add("format", $"must be {string.Join(", ", rules.Formats[..^1].Select(Quote))} or {Quote(rules.Formats[^1])}");
            return (null, ApiProblems.Invalid(errors));
        }
        var request = context.Request;
        if (request.ContentLength > rules.Limit + rules.Allowance) return (null, ApiProblems.TooLarge(rules.Limit, rules.What));
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = rules.Limit + rules.Allowance;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)) return (null, ApiProblems.UnsupportedMediaType(request.ContentType, rules.Accepted));

        if (rules.RawTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase))
            return (new UploadRequest(supervised, unsupervised, format, request.Body), null);
        if (!MultipartUpload.IsMultipart(media)) return (null, ApiProblems.UnsupportedMediaType(request.ContentType, rules.Accepted));
        try
        {
            var (file, problem) = await MultipartUpload.FirstFileAsync(request, media, context.RequestAborted);
            return file is null ? (null, problem) : (new UploadRequest(supervised, unsupervised, format, file), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.TooLarge(rules.Limit, rules.What));
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidDataException or System.Text.DecoderFallbackException)
        {
            return (null, ApiProblems.BadBody(e.Message));
        }
    }

    private static string Quote(string format) => $"'{format}'";
}
