using System.Text;
using Microsoft.Extensions.Options;
using Nad.Alerts;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Service.Alerts;
using Nad.Service.Captures;
using Nad.Service.Http;
using Nad.Service.Scoring;
using Nad.Service.Settings;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Zeek;

namespace Nad.Service.Endpoints;

/// <summary>
/// POST /api/v1/score-capture: a pcap, pcapng or Zeek conn.log (told apart by its first bytes;
/// raw body or the first file of a multipart form) becomes connection records (Nad.Traffic), each
/// scored by both models like /detect, alerts stored with hosts and ports. The upload is spooled
/// to a server-named temp file (libpcap reads paths), deleted when the request ends. The answer is
/// streamed: JSON (default: connections, then the extraction report), JSON lines or CSV.
/// </summary>
public static class ScoreCaptureEndpoints
{
    private const int ChunkRecords = 4096;

    private static readonly string[] RawTypes =
    [
        "application/vnd.tcpdump.pcap", "application/x-pcap", "application/pcap", "application/x-pcapng", "application/octet-stream",
        "text/plain", "text/tab-separated-values", "application/gzip", "application/x-gzip",
    ];

    private const string Accepted = "a pcap or pcapng capture, or a Zeek conn.log (application/vnd.tcpdump.pcap, application/octet-stream, text/plain), or multipart/form-data with one file";

    public static RouteGroupBuilder MapScoreCapture(this RouteGroupBuilder api)
    {
        api.MapPost("/score-capture", ScoreCaptureAsync)
            .WithName("ScoreCapture").WithSummary("Score a packet capture (pcap, pcapng) or a Zeek conn.log: one scored record per connection")
            .WithDescription("Body: the file itself or multipart/form-data with one file; the kind is told by its first bytes. " +
                             "Query: format=json (default: {connections, report}), jsonl (one connection a line, the report last) or csv. " +
                             "Each connection: start time, hosts, ports, protocol, service, flag, features not observed, both verdicts. " +
                             "A file that is not a capture or conn.log, or is cut short before the answer starts, answers 400; over Nad:MaxCaptureBytes 413.")
            .ProducesBodyProblems();
        return api;
    }

    private static async Task<IResult> ScoreCaptureAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options)
    {
        var settings = options.Value;
        var (upload, problem) = await UploadRequest.OpenAsync(context, scorer,
            new UploadRules("capture upload", settings.MaxCaptureBytes, MultipartAllowance, ["json", "jsonl", "csv"], RawTypes, Accepted));
        if (upload is null) return problem!;
        var (supervised, unsupervised, format, file) = upload;

        CaptureSpool spool;
        try
        {
            spool = await CaptureSpool.WriteAsync(file, settings.CaptureSpoolDir, settings.MaxCaptureBytes, context.RequestAborted);
        }
        catch (Exception e) when (e is UploadTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return ApiProblems.TooLarge(settings.MaxCaptureBytes, "capture upload");
        }
        catch (CaptureSpoolUnavailableException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Uploads cannot be stored now", detail: e.Message);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidDataException)
        {
            return ApiProblems.BadBody(e.Message);
        }

        // From here the spool (and the extraction reading it) lives until the request ends, whatever happens.
        var scoring = new UploadScoring(spool);
        context.Response.RegisterForDispose(scoring);
        var kind = UploadKinds.Detect(spool.Head);
        if (kind == UploadKind.Empty) return Unreadable("The upload is empty; send a pcap or pcapng capture or a Zeek conn.log.");
        if (kind == UploadKind.Unknown)
            return Unreadable($"The upload is neither a packet capture (pcap, pcapng) nor a Zeek conn.log (text): it starts with bytes {Convert.ToHexString(spool.Head.AsSpan(0, Math.Min(8, spool.Head.Length)))}.");

        List<ExtractedConnection> first;
        try
        {
            var records = kind == UploadKind.ZeekConnLog
                ? ZeekConnLogReader.Extract(spool.Path, scoring.Report)
                : PcapExtractor.Extract(spool.Path, scoring.Report);
            scoring.Records = records.GetEnumerator();
            first = scoring.Take(ChunkRecords);
        }
        catch (DataFormatException e)
        {
            return Unreadable(string.Join("; ", e.Errors.Select(Describe)), KindName(kind));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or DecoderFallbackException)
        {
            return Unreadable(spool.Hide(e.Message), KindName(kind));
        }
        if (scoring.Report.CutShort is { } cut && scoring.Finished)
            return Unreadable($"The capture is cut short: it ends inside a packet after {scoring.Report.PacketsRead:N0} packets ({spool.Hide(cut)}).", KindName(kind));

        var contentType = format switch
        {
            "csv" => "text/csv; charset=utf-8",
            "jsonl" => "application/x-ndjson",
            _ => "application/json; charset=utf-8",
        };
        return new StreamedResult(contentType, async response =>
        {
            var writer = new CaptureAnswerWriter(response.Body, format);
            await writer.StartAsync();
            long attacks = 0;
            var chunk = first;
            string? error = null;
            try
            {
                while (chunk.Count > 0)
                {
                    var results = await scorer.DetectAsync(supervised, unsupervised, [.. chunk.Select(c => c.Record)], "score-capture", context.RequestAborted,
                        [.. chunk.Select(c => (ConnectionEndpoints?)c.Endpoints)]);
                    for (var i = 0; i < results.Length; i++)
                    {
                        if (results[i].Verdict == Labels.Attack) attacks++;
                        await writer.ConnectionAsync(chunk[i], results[i]);
                    }
                    await writer.FlushAsync(context.RequestAborted);
                    chunk = scoring.Take(ChunkRecords);
                }
            }
            catch (Exception e) when (e is DataFormatException or IOException or InvalidDataException or DecoderFallbackException)
            {
                error = e is DataFormatException data ? string.Join("; ", data.Errors.Select(Describe)) : spool.Hide(e.Message);
            }
            await writer.EndAsync(CaptureReport.From(KindName(kind), scoring.Report, attacks, error, spool));
        });

        static string Describe(DataError e) => e.Line > 0 ? $"line {e.Line}: {e.Problem}" : e.Problem;
    }

    /// <summary>Multipart boundaries and headers around the file, allowed on top of the file limit.</summary>
    private const long MultipartAllowance = 64 * 1024;

    private static string KindName(UploadKind kind) => kind switch
    {
        UploadKind.Pcap => "pcap",
        UploadKind.Pcapng => "pcapng",
        UploadKind.ZeekConnLog => "zeek-conn-log",
        _ => "unknown",
    };

    private static IResult Unreadable(string detail, string? kind = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
            title: kind is null ? "The upload is not a capture or conn.log" : $"The upload could not be read as a {kind}", detail: detail);

    /// <summary>The spool and the extraction reading it; disposed when the request ends (reader first, then the file).</summary>
    private sealed class UploadScoring(CaptureSpool spool) : IDisposable
    {
        public ExtractionReport Report { get; } = new() { Source = CaptureSpool.ClientName };
        public IEnumerator<ExtractedConnection>? Records { get; set; }
        public bool Finished { get; private set; }

        public List<ExtractedConnection> Take(int count)
        {
            var chunk = new List<ExtractedConnection>(count);
            while (chunk.Count < count && !Finished)
            {
                if (Records!.MoveNext()) chunk.Add(Records.Current);
                else Finished = true;
            }
            return chunk;
        }

        public void Dispose()
        {
            Records?.Dispose();
            spool.Dispose();
        }
    }
}
