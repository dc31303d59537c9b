using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Alerts.Tests;

/// <summary>The first rows of the bundled training file (real records of every kind), read once.</summary>
public static class TrainingRows
{
    private static readonly Lazy<IReadOnlyList<NslKddRow>> Rows = new(() =>
    {
        using var stream = InputFile.Open(Path.Combine(BundledData.Folder(), BundledData.TrainFile));
        return NslKddReader.ReadRows(stream, BundledData.TrainFile).Take(3000).ToArray();
    });

    public static IReadOnlyList<NslKddRow> All => Rows.Value;

    /// <summary>An alert as a scoring worker raises it for row <paramref name="index"/>: attack rows with their family,
    /// every third with a connection, under a record id of this test's own.</summary>
    public static Alert AlertFor(int index, string run, long timeMs = 1_760_000_000_000)
    {
        var row = All[index];
        var label = row.Label!.Value;
        var connection = index % 3 == 0
            ? new ConnectionEndpoints(DateTimeOffset.FromUnixTimeMilliseconds(timeMs - 2000), Address($"10.0.{index % 256}.1"), 40000 + index,
                Address("192.168.1.10"), 80)
            : (ConnectionEndpoints?)null;
        return new Alert(0, DateTimeOffset.FromUnixTimeMilliseconds(timeMs + index), "worker", label.IsAttack ? Labels.Attack : Labels.Anomaly,
            label.IsAttack ? label.Family.ToString() : null, "random-forest", "abc123", 0.5 + index % 50 / 100.0, null, null, null,
            row.Record, connection, RecordId: RecordIds.For("test", run, index));
    }

    private static HostAddress Address(string text) => HostAddress.TryParse(text, out var address) ? address : throw new ArgumentException(text);
}
