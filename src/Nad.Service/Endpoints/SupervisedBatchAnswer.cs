using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nad.Alerts;
using Nad.Service.Alerts;
using Nad.Service.Models;
using Nad.Service.Scoring;

namespace Nad.Service.Endpoints;

/// <summary>
/// The answer to a batch on /supervised/predict, written straight into the response pipe: the
/// bytes System.Text.Json writes for <see cref="SupervisedResult"/>[] (pinned by a test), at a
/// fraction of its cost. In a batch every result has the same threshold and model, so their JSON
/// is encoded once and copied; per result only the label's constant prefix and the probability
/// are written. A result of another shape (unseen categories, a non-finite number, a
/// label other than attack/normal) goes through the serializer itself, so nothing is hand-escaped.
/// </summary>
public sealed class SupervisedBatchAnswer(SupervisedResult[] results, JsonSerializerOptions json) : IResult
{
    private static readonly byte[] AttackPrefix = Encoding.UTF8.GetBytes($"{{\"label\":\"{Labels.Attack}\",\"attackProbability\":");
    private static readonly byte[] NormalPrefix = Encoding.UTF8.GetBytes($"{{\"label\":\"{Labels.Normal}\",\"attackProbability\":");
    private const int FlushEvery = 256; // results between flushes: bounded pipe memory, and the client starts reading early

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = context.Response.BodyWriter;
        var writer = new Writer(json);
        for (var start = 0; start < results.Length; start += FlushEvery)
        {
            writer.Write(results.AsSpan(start, Math.Min(FlushEvery, results.Length - start)), start == 0, start + FlushEvery >= results.Length, body);
            var flushed = await body.FlushAsync(context.RequestAborted);
            if (flushed.IsCanceled || flushed.IsCompleted) return; // the client went away
        }
    }

    /// <summary>Writes the whole answer into <paramref name="destination"/> (what <see cref="ExecuteAsync"/> sends, in one piece).</summary>
    public static void Write(SupervisedResult[] results, JsonSerializerOptions json, IBufferWriter<byte> destination) =>
        new Writer(json).Write(results, first: true, last: true, destination);

    // Remembers the encoded tail (threshold and model) of the last result, which the next one nearly always shares.
    private sealed class Writer(JsonSerializerOptions json)
    {
        private double _threshold = double.NaN;
        private ModelRef? _model;
        private byte[] _tail = [];

        public void Write(ReadOnlySpan<SupervisedResult> results, bool first, bool last, IBufferWriter<byte> destination)
        {
            if (first) Put(destination, "["u8);
            for (var i = 0; i < results.Length; i++)
            {
                if (!first || i > 0) Put(destination, ","u8);
                Element(results[i], destination);
            }
            if (last) Put(destination, "]"u8);
        }

        private void Element(SupervisedResult result, IBufferWriter<byte> destination)
        {
            var prefix = result.Label switch
            {
                Labels.Attack => AttackPrefix,
                Labels.Normal => NormalPrefix,
                _ => null,
            };
            if (prefix is null || result.UnseenCategories is not null
                || !double.IsFinite(result.AttackProbability) || !double.IsFinite(result.Threshold))
            {
                Put(destination, JsonSerializer.SerializeToUtf8Bytes(result, json));
                return;
            }
            if (!ReferenceEquals(result.Model, _model) || BitConverter.DoubleToInt64Bits(result.Threshold) != BitConverter.DoubleToInt64Bits(_threshold))
            {
                _model = result.Model;
                _threshold = result.Threshold;
                _tail = Encoding.UTF8.GetBytes(
                    $",\"threshold\":{JsonSerializer.Serialize(result.Threshold, json)},\"model\":{JsonSerializer.Serialize(result.Model, json)}}}");
            }
            var span = destination.GetSpan(prefix.Length + 32 + _tail.Length);
            prefix.CopyTo(span);
            var at = prefix.Length;
            // Shortest round-trip text, as Utf8JsonWriter writes a double (the test compares the bytes).
            if (!result.AttackProbability.TryFormat(span[at..], out var written, default, CultureInfo.InvariantCulture))
                throw new InvalidOperationException("A double did not fit in 32 bytes.");
            at += written;
            _tail.CopyTo(span[at..]);
            destination.Advance(at + _tail.Length);
        }

        private static void Put(IBufferWriter<byte> destination, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(destination.GetSpan(bytes.Length));
            destination.Advance(bytes.Length);
        }
    }
}
