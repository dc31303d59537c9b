using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Alerts.Tests;

/// <summary>Every row of the shipped UNSW-NB15 and CIC-IDS2017 (TrafficLabelling) samples in data/flows, read once.</summary>
public static class FlowRows
{
    private static readonly Lazy<ConnectionDataset> UnswRows = new(() => RecordReader.ReadFile(BuiltInSchemas.UnswNb15, Sample("unsw-nb15-testing-sample.csv.gz")));
    private static readonly Lazy<ConnectionDataset> CicRows = new(() => RecordReader.ReadFile(BuiltInSchemas.CicIds2017, Sample("cic-ids2017-trafficlabelling-sample.csv.gz")));

    public static ConnectionDataset Unsw => UnswRows.Value;
    public static ConnectionDataset Cic => CicRows.Value;

    private static string Sample(string file) => Path.Combine(BundledData.Folder(), "..", "flows", file);
}
