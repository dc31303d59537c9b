using System.Text.Json;

namespace Nad.Service.Scoring;

/// <summary>
/// Writes scoring answers straight to the response pipe with <see cref="Utf8JsonWriter"/>: the same
/// JSON the service's serializer options give (camelCase, nulls left out, NaN as null; tested
/// byte for byte) at a fraction of the cost, since a batch answer holds thousands of results.
/// </summary>
public static class ScoreResultsJson
{
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText AttackProbability = JsonEncodedText.Encode("attackProbability");
    private static readonly JsonEncodedText Threshold = JsonEncodedText.Encode("threshold");
    private static readonly JsonEncodedText Family = JsonEncodedText.Encode("family");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText UnseenCategories = JsonEncodedText.Encode("unseenCategories");
    private static readonly JsonEncodedText AnomalyScore = JsonEncodedText.Encode("anomalyScore");
    private static readonly JsonEncodedText Anomalous = JsonEncodedText.Encode("anomalous");
    private static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
    private static readonly JsonEncodedText FlaggedBy = JsonEncodedText.Encode("flaggedBy");
    private static readonly JsonEncodedText Supervised = JsonEncodedText.Encode("supervised");
    private static readonly JsonEncodedText Unsupervised = JsonEncodedText.Encode("unsupervised");

    /// <summary>An answer of one result (<paramref name="isBatch"/> false) or an array of them.</summary>
    public static IResult Answer<T>(T[] results, bool isBatch, Action<Utf8JsonWriter, T> write) => new JsonAnswer<T>(results, isBatch, write);

    public static void Write(Utf8JsonWriter writer, SupervisedResult result)
    {
        writer.WriteStartObject();
        writer.WriteString(Label, result.Label);
        WriteNumber(writer, AttackProbability, result.AttackProbability);
        WriteNumber(writer, Threshold, result.Threshold);
        if (result.Family is not null) writer.WriteString(Family, result.Family);
        WriteModel(writer, result.Model);
        WriteUnseen(writer, result.UnseenCategories);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, UnsupervisedResult result)
    {
        writer.WriteStartObject();
        WriteNumber(writer, AnomalyScore, result.AnomalyScore);
        writer.WriteBoolean(Anomalous, result.Anomalous);
        WriteNumber(writer, Threshold, result.Threshold);
        WriteModel(writer, result.Model);
        WriteUnseen(writer, result.UnseenCategories);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, DetectResult result)
    {
        writer.WriteStartObject();
        writer.WriteString(Verdict, result.Verdict);
        writer.WriteStartArray(FlaggedBy);
        foreach (var by in result.FlaggedBy) writer.WriteStringValue(by);
        writer.WriteEndArray();
        writer.WritePropertyName(Supervised);
        Write(writer, result.Supervised);
        if (result.Unsupervised is not null)
        {
            writer.WritePropertyName(Unsupervised);
            Write(writer, result.Unsupervised);
        }
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name); // as NonFiniteAsNullConverter: NaN is not JSON
    }

    private static void WriteModel(Utf8JsonWriter writer, ModelRef model)
    {
        writer.WriteStartObject(Model);
        writer.WriteString(Name, model.Name);
        writer.WriteString(Version, model.Version);
        writer.WriteEndObject();
    }

    private static void WriteUnseen(Utf8JsonWriter writer, string[]? unseen)
    {
        if (unseen is null) return;
        writer.WriteStartArray(UnseenCategories);
        foreach (var column in unseen) writer.WriteStringValue(column);
        writer.WriteEndArray();
    }

    private sealed class JsonAnswer<T>(T[] results, bool isBatch, Action<Utf8JsonWriter, T> write) : IResult
    {
        private const int FlushBytes = 16 * 1024;

        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            var pipe = response.BodyWriter;
            await using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { SkipValidation = true });
            if (!isBatch)
            {
                write(writer, results[0]);
                writer.Flush();
                return;
            }
            writer.WriteStartArray();
            foreach (var result in results)
            {
                write(writer, result);
                if (writer.BytesPending >= FlushBytes)
                {
                    writer.Flush(); // hands the bytes to the pipe; awaiting the flush lets a slow client push back
                    await pipe.FlushAsync(context.RequestAborted);
                }
            }
            writer.WriteEndArray();
            writer.Flush();
        }
    }
}
