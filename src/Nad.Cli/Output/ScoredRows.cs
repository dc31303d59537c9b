using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nad.Core.Training;
using Nad.Core.Detectors;
using Nad.Core.Records;

namespace Nad.Cli.Output;

/// <summary>
/// <c>nad predict --data</c>'s answer: one line per input row, as CSV (row, line, predicted, score,
/// unknown_category) or as JSON lines (the same fields, one object a line, so it streams like the CSV).
/// </summary>
internal sealed class ScoredRows(Detector detector, ConnectionDataset dataset, IReadOnlyList<double> scores, bool json)
{
    public const string CsvHeader = "row,line,predicted,score,unknown_category";

    private static readonly JsonSerializerOptions JsonLines = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public int Attacks { get; private set; }
    public int UnknownRows { get; private set; }

    public void WriteTo(TextWriter writer)
    {
        if (!json) writer.WriteLine(CsvHeader);
        for (var i = 0; i < dataset.Count; i++)
        {
            var isAttack = detector.IsAttack(scores[i]);
            var unknown = detector.Encoder.HasUnknown(dataset.Records[i]);
            if (isAttack) Attacks++;
            if (unknown) UnknownRows++;
            var predicted = isAttack ? "attack" : "normal";
            writer.WriteLine(json
                ? JsonSerializer.Serialize(new ScoredRow(i + 1, dataset.LineNumbers[i], predicted, scores[i], unknown), JsonLines)
                : string.Create(CultureInfo.InvariantCulture, $"{i + 1},{dataset.LineNumbers[i]},{predicted},{scores[i]:0.######},{(unknown ? 1 : 0)}"));
        }
        writer.Flush();
    }

    private sealed record ScoredRow(int Row, long Line, string Predicted, double Score, bool UnknownCategory);
}
