using Nad.Core.Reading;

namespace Nad.Service.Dashboard;

/// <summary>
/// The Score page's presets, copied verbatim from KDDTrain+ (Network_anomaly_data.csv, line numbers
/// counting the header as line 1) so they are what the models actually saw, not invented values.
/// </summary>
public static class ConnectionPresets
{
    private static readonly (string Id, string Name, string Description, int Line, string Csv)[] Rows =
    [
        ("normal-http", "Normal HTTP connection", "A web page fetch: SF (normal close), 232 bytes up, 8,153 bytes down, logged in.", 5,
            "0,tcp,http,SF,232,8153,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,5,5,0.20,0.20,0.00,0.00,1.00,0.00,0.00,30,255,1.00,0.00,0.03,0.04,0.03,0.01,0.00,0.01"),
        ("syn-flood", "SYN flood (neptune)", "S0: SYNs never answered, 123 connections to the host in 2 s, all with SYN errors.", 4,
            "0,tcp,private,S0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,123,6,1.00,1.00,0.00,0.00,0.05,0.07,0.00,255,26,0.10,0.05,0.00,0.00,1.00,1.00,0.00,0.00"),
        ("port-sweep", "Port sweep (portsweep)", "REJ: a probe refused; the host's last connections went to many different services.", 35,
            "0,tcp,private,REJ,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,1,0.00,0.00,1.00,1.00,0.50,1.00,0.00,255,1,0.00,0.31,0.28,0.00,0.00,0.00,0.29,1.00"),
    ];

    public static IReadOnlyList<ConnectionPreset> All { get; } = [.. Rows.Select(Parse)];

    private static ConnectionPreset Parse((string Id, string Name, string Description, int Line, string Csv) row)
    {
        using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(row.Csv + "\n"));
        var record = NslKddReader.ReadRows(text, "preset " + row.Id).Single().Record;
        return new ConnectionPreset(row.Id, row.Name, row.Description, $"KDDTrain+ line {row.Line}", record);
    }
}
