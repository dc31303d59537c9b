using System.Globalization;
using Nad.Core.IO;
using Nad.Core.Records;
using Nad.Traffic.Connections;

namespace Nad.Traffic.Extraction;

/// <summary>
/// Writes extracted connections as CSV: the 41 NSL-KDD features in schema order (so the
/// first 41 columns read like any NSL-KDD file), then the context columns.
/// </summary>
public static class ExtractedCsvWriter
{
    public static readonly string[] ContextColumns = [.. NslKddSchema.ExtractConnectionColumns];

    public static string Header => string.Join(',', NslKddSchema.Columns.Select(c => c.Name).Concat(ContextColumns));

    /// <summary>Writes all connections to <paramref name="path"/> (atomically, so a failed run leaves no half file); returns the count.</summary>
    public static long Write(string path, IEnumerable<ExtractedConnection> connections) =>
        AtomicFile.WriteText(path, writer =>
        {
            long rows = 0;
            writer.WriteLine(Header);
            foreach (var connection in connections)
            {
                writer.WriteLine(Row(connection));
                rows++;
            }
            return rows;
        });

    public static string Row(ExtractedConnection connection)
    {
        var e = connection.Endpoints;
        return string.Join(',', connection.Record.ToFields()) + "," + string.Join(',',
            e.StartTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            e.SourceAddress.ToString(),
            e.SourcePort.ToString(CultureInfo.InvariantCulture),
            e.DestinationAddress.ToString(),
            e.DestinationPort.ToString(CultureInfo.InvariantCulture),
            string.Join(';', connection.NotObserved),
            string.Join(';', connection.Estimated));
    }
}
