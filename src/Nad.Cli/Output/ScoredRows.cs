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
/// Connection fields read beside the records (<c>nad extract</c>'s start time, addresses, ports and
/// not-observed; a flow file's Flow ID, addresses, timestamp) follow as they were read: more CSV
/// columns, or a <c>connection</c> object. Read from several files, each row also names its file
/// (<c>file</c>, after <c>unknown_category</c>/<c>family</c>): its line is that file's.
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
        var fields = dataset.ConnectionFields;
        var names = dataset.ConnectionFieldNames;
        // A family model's decided family (the most likely attack family of an attack, else Normal), as a column after unknown_category.
        var families = detector.FamilyClassifier?.FamilyProbabilities(dataset.Records);
        var header = families is null ? CsvHeader : CsvHeader + ",family";
        var files = dataset.FileIndices;
        if (files is not null) header += ",file";
        if (!json) writer.WriteLine(fields is null ? header : header + "," + string.Join(',', names.Select(Csv)));
        for (var i = 0; i < dataset.Count; i++)
        {
            var isAttack = detector.IsAttack(scores[i]);
            var unknown = detector.Encoder.HasUnknown(dataset.Records[i]);
            if (isAttack) Attacks++;
            if (unknown) UnknownRows++;
            var predicted = isAttack ? "attack" : "normal";
            var connection = fields?[i];
            var family = families is null ? null : detector.FamilyClassifier!.Classes.Decided(families[i], isAttack);
            var file = files is null ? null : Path.GetFileName(dataset.Files[files[i]]);
            writer.WriteLine(json
                ? JsonSerializer.Serialize(new ScoredRow(i + 1, dataset.LineNumbers[i], predicted, scores[i], unknown, family, file,
                    connection is null ? null : names.Zip(connection).ToDictionary(p => p.First, p => p.Second)), JsonLines)
                : string.Create(CultureInfo.InvariantCulture, $"{i + 1},{dataset.LineNumbers[i]},{predicted},{scores[i]:0.######},{(unknown ? 1 : 0)}")
                    + (family is null ? "" : "," + family)
                    + (file is null ? "" : "," + Csv(file))
                    + (connection is null ? "" : "," + string.Join(',', connection.Select(Csv))));
        }
        writer.Flush();
    }

    // A field with a comma or a quote is quoted, its quotes doubled.
    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(',', '"', '\n') < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private sealed record ScoredRow(int Row, long Line, string Predicted, double Score, bool UnknownCategory,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Family,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string>? Connection);
}
