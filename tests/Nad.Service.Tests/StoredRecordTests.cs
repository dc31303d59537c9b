using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nad.Alerts;
using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Service.Alerts;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class StoredRecordTests(TrainedModel model)
{
    private static void AssertSame(ConnectionRecord expected, ConnectionRecord actual) =>
        Assert.Equal(expected.ToFields(), actual.ToFields());

    [Fact]
    public void Real_records_round_trip_through_the_compact_form()
    {
        foreach (var (record, _) in model.Unseen)
        {
            var stored = StoredRecord.Write(record);
            Assert.StartsWith($"[{record["duration"]:R},\"{record.ProtocolType}\",\"{record.Service}\",\"{record.Flag}\",", stored);
            AssertSame(record, StoredRecord.Read(stored));
        }
    }

    [Fact]
    public void Categories_with_quotes_backslashes_control_and_non_ascii_characters_round_trip()
    {
        var numeric = new double[NslKddSchema.NumericCount];
        numeric[0] = 12.5; // hundredths are written digit by digit, others as shortest round-trip
        numeric[1] = 1e20;
        numeric[2] = 0.123456789;
        numeric[^2] = 0.07;
        numeric[^1] = 1e-7;
        var record = new ConnectionRecord("t\"c\\p", "<script>alert(1)</script>\u0001\ttab", "ünïcødé 😀", numeric);
        var stored = StoredRecord.Write(record);
        using (JsonDocument.Parse(stored)) { } // valid JSON
        AssertSame(record, StoredRecord.Read(stored));

        var longName = new string('x', 5000); // a CSV upload's categories have no length limit
        AssertSame(new ConnectionRecord("tcp", longName, "SF", numeric), StoredRecord.Read(StoredRecord.Write(new ConnectionRecord("tcp", longName, "SF", numeric))));
    }

    [Fact]
    public void Records_stored_as_named_objects_still_read_and_bad_text_is_refused()
    {
        var record = model.AnAttack;
        AssertSame(record, StoredRecord.Read(RecordJsonWriter.ToJson(record)));
        var stored = StoredRecord.Write(record);
        Assert.Throws<JsonException>(() => StoredRecord.Read(stored[..^1] + ",1]"));
        Assert.Throws<JsonException>(() => StoredRecord.Read(stored.Replace($"\"{record.Service}\"", "7")));
        Assert.Throws<JsonException>(() => StoredRecord.Read("[\"tcp\"]"));
    }

    [Fact]
    public void Sql_finds_the_service_in_both_stored_forms()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRecord.ServiceSql.Replace("record", "$record")}";
        var parameter = command.Parameters.Add("$record", SqliteType.Text);
        parameter.Value = StoredRecord.Write(model.AnAttack);
        Assert.Equal(model.AnAttack.Service, command.ExecuteScalar());
        parameter.Value = RecordJsonWriter.ToJson(model.AnAttack);
        Assert.Equal(model.AnAttack.Service, command.ExecuteScalar());
    }
}
