using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Nad.Core.Reading;
using Nad.Core.Wire;
using Nad.Service.Http;
using Nad.Service.Scoring;
using Nad.Service.Settings;

namespace Nad.Service.Endpoints;

/// <summary>
/// POST /api/v1/score-file: a CSV file in the NSL-KDD layout (plain or gzip; raw body or the first
/// file of a multipart form) is read row by row and answered chunk by chunk as CSV (default) or
/// JSON lines (<c>?format=jsonl</c>), so a file of any length never sits in memory whole.
/// Both models run on every row (like /detect) and attacks are stored as alerts.
/// </summary>
public static class ScoreFileEndpoints
{
    private const int ChunkRows = 2048;
    private const string UploadName = "upload"; // never the client's file name: nothing from a request reaches a path
    private const string Accepted = "text/csv, application/gzip, application/octet-stream or multipart/form-data";
    private static readonly string[] RawTypes = ["text/csv", "application/gzip", "application/x-gzip", "application/octet-stream", "text/plain"];

    public static RouteGroupBuilder MapScoreFile(this RouteGroupBuilder api)
    {
        api.MapPost("/score-file", ScoreFileAsync)
            .WithName("ScoreFile").WithSummary("Score a CSV upload (NSL-KDD layout), streamed; answer as CSV or JSON lines")
            .WithDescription("Body: text/csv, application/gzip or application/octet-stream (the file itself), or multipart/form-data with one file. " +
                             "Query: format=csv (default) or jsonl. A bad row in the first chunk answers 400; a later one ends the stream with an error line.")
            .ProducesBodyProblems();
        return api;
    }

    private static async Task<IResult> ScoreFileAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options)
    {
        var settings = options.Value;
        var (upload, problem) = await UploadRequest.OpenAsync(context, scorer,
            new UploadRules("upload", settings.MaxUploadBytes, 0, ["csv", "jsonl"], RawTypes, Accepted));
        if (upload is null) return problem!;
        var (supervised, unsupervised, format, file) = upload;
        // The core's reader is synchronous (Sep); this endpoint accepts blocking reads on its own request only.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;

        IEnumerator<NslKddRow> rows;
        List<NslKddRow> first;
        try
        {
            rows = NslKddReader.ReadRows(file, UploadName, new ReadOptions { MaxErrorsListed = settings.MaxErrorsListed }).GetEnumerator();
            first = Take(rows);
        }
        catch (Exception e) when (Problem(e, settings) is { } unreadable)
        {
            return unreadable;
        }
        return new StreamedResult(format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson", async response =>
        {
            using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 1 << 16);
            if (format == "csv") await writer.WriteLineAsync("row,line,verdict,label,attack_probability,anomaly_score,anomalous,unseen_categories");
            long row = 0;
            var chunk = first;
            try
            {
                while (chunk.Count > 0)
                {
                    var records = chunk.Select(r => r.Record).ToArray();
                    var results = await scorer.DetectAsync(supervised, unsupervised, records, "score-file", context.RequestAborted);
                    for (var i = 0; i < results.Length; i++)
                        await writer.WriteLineAsync(format == "csv" ? CsvLine(++row, chunk[i].Line, results[i]) : JsonLine(++row, chunk[i].Line, results[i]));
                    await writer.FlushAsync(context.RequestAborted);
                    chunk = Take(rows);
                }
            }
            catch (Exception e) when (e is DataFormatException or BadHttpRequestException or IOException or InvalidDataException or DecoderFallbackException)
            {
                var message = e is DataFormatException data ? string.Join("; ", data.Errors.Select(x => x.ToString())) : e.Message;
                await writer.WriteLineAsync(format == "csv" ? $"# error: {message.ReplaceLineEndings(" ")}" : JsonSerializer.Serialize(new { error = message }));
            }
            finally
            {
                rows.Dispose();
            }
        });
    }

    private static List<NslKddRow> Take(IEnumerator<NslKddRow> rows)
    {
        var chunk = new List<NslKddRow>(ChunkRows);
        while (chunk.Count < ChunkRows && rows.MoveNext()) chunk.Add(rows.Current);
        return chunk;
    }

    private static IResult? Problem(Exception e, NadServiceOptions settings) => e switch
    {
        DataFormatException data => DataProblem(data, settings),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblems.TooLarge(settings.MaxUploadBytes, "upload"),
        BadHttpRequestException or IOException or InvalidDataException or DecoderFallbackException => ApiProblems.BadBody(e.Message),
        _ => null,
    };

    private static IResult DataProblem(DataFormatException e, NadServiceOptions settings)
    {
        var errors = new FieldErrors(settings.MaxErrorsListed);
        foreach (var error in e.Errors)
        {
            var where = error.Line > 0 ? $"line {error.Line}" : "file";
            if (error.ColumnName is { } column) where += $" ({column})";
            errors.Add(where, error.Value is null ? error.Problem : $"'{error.Value}' {error.Problem}");
        }
        return ApiProblems.Invalid(errors, "The uploaded file is not valid NSL-KDD data");
    }

    private static string CsvLine(long row, long line, DetectResult r) => string.Join(',',
        row.ToString(CultureInfo.InvariantCulture),
        line.ToString(CultureInfo.InvariantCulture),
        r.Verdict,
        r.Supervised.Label,
        r.Supervised.AttackProbability.ToString("0.######", CultureInfo.InvariantCulture),
        r.Unsupervised?.AnomalyScore.ToString("0.######", CultureInfo.InvariantCulture) ?? "",
        r.Unsupervised is null ? "" : r.Unsupervised.Anomalous ? "1" : "0",
        string.Join(';', r.Supervised.UnseenCategories ?? []));

    private static string JsonLine(long row, long line, DetectResult r) =>
        JsonSerializer.Serialize(new { row, line, r.Verdict, r.FlaggedBy, r.Supervised, r.Unsupervised }, ServiceJson.Options);
}
