using Microsoft.Data.Sqlite;
using Nad.Alerts;
using Nad.Core.Records;
using Nad.Service.Alerts;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class RecordBlobTests(TrainedModel model)
{
    private static byte[] Blob(ConnectionRecord record)
    {
        var buffer = new byte[RecordBlob.MaxLength(record)];
        Assert.True(RecordBlob.TryWrite(record, buffer, out var length));
        return buffer[..length];
    }

    private static void AssertSameBits(ConnectionRecord expected, ConnectionRecord actual)
    {
        Assert.Equal((expected.ProtocolType, expected.Service, expected.Flag), (actual.ProtocolType, actual.Service, actual.Flag));
        Assert.Equal(expected.Numeric.Select(BitConverter.DoubleToInt64Bits), actual.Numeric.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Real_records_round_trip_bit_for_bit_in_well_under_the_text_forms_size()
    {
        foreach (var (record, _) in model.Unseen)
        {
            var blob = Blob(record);
            AssertSameBits(record, RecordBlob.Read(blob));
            Assert.True(blob.Length < StoredRecord.Write(record).Length, $"{blob.Length} bytes for {StoredRecord.Write(record)}");
        }
    }

    [Fact]
    public void Numbers_that_are_not_hundredths_and_any_categories_round_trip()
    {
        var numeric = new double[NslKddSchema.NumericCount];
        numeric[0] = 12.5;
        numeric[1] = 1e20; // past the hundredths range: 8 raw bytes
        numeric[2] = 0.123456789;
        numeric[3] = -0.0; // negative zero keeps its sign bit
        numeric[^2] = 0.07;
        numeric[^1] = 1e-7;
        AssertSameBits(new ConnectionRecord("t\"c\\p", "<script>alert(1)</script>\u0001\ttab", "ünïcødé 😀", numeric),
            RecordBlob.Read(Blob(new ConnectionRecord("t\"c\\p", "<script>alert(1)</script>\u0001\ttab", "ünïcødé 😀", numeric))));
        var longName = new string('x', 5000);
        AssertSameBits(new ConnectionRecord("tcp", longName, "SF", numeric), RecordBlob.Read(Blob(new ConnectionRecord("tcp", longName, "SF", numeric))));
    }

    [Fact]
    public void A_category_with_a_zero_character_is_not_written_as_a_blob()
    {
        var record = new ConnectionRecord("tcp", "ht\0tp", "SF", (double[])model.AnAttack.Numeric.Clone());
        Assert.False(RecordBlob.TryWrite(record, new byte[RecordBlob.MaxLength(record)], out _));
    }

    [Fact]
    public void A_damaged_blob_is_a_format_error_naming_what_is_wrong()
    {
        var blob = Blob(model.AnAttack);
        Assert.Contains("format byte", Assert.Throws<FormatException>(() => RecordBlob.Read([2, .. blob[1..]])).Message);
        Assert.Contains("ends inside", Assert.Throws<FormatException>(() => RecordBlob.Read(blob[..^1])).Message);
        Assert.Contains("bytes after", Assert.Throws<FormatException>(() => RecordBlob.Read([.. blob, 0])).Message);
        Assert.Contains("ends inside service", Assert.Throws<FormatException>(() => RecordBlob.Read([1, (byte)'h', (byte)'t'])).Message);
        var numeric = (double[])model.AnAttack.Numeric.Clone();
        numeric[^1] = 0; // the last value (a rate) is then the one byte 0
        var http = Blob(new ConnectionRecord("tcp", "http", "SF", numeric));
        byte[] notUtf8 = [1, 0xFF, 0xFE, 0xFD, 0xFC, .. http[5..]]; // the service's 4 bytes replaced
        Assert.Contains("service is not UTF-8", Assert.Throws<FormatException>(() => RecordBlob.Read(notUtf8)).Message);
        byte[] outOfRange = [.. http[..^1], 0x90, 0x03]; // the varint of 400: 2.00, a rate above 1, refused like the API refuses it
        Assert.Contains($"{NslKddSchema.NumericColumns[^1].Name} is not a rate from 0 to 1", Assert.Throws<FormatException>(() => RecordBlob.Read(outOfRange)).Message);
        Assert.Equal(0, RecordBlob.Read(http).Numeric[^1]);
    }

    [Fact]
    public void Sql_finds_the_service_in_a_blob()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRecord.ServiceSql.Replace("record", "$record")}";
        command.Parameters.Add("$record", SqliteType.Blob).Value = Blob(model.AnAttack);
        Assert.Equal(model.AnAttack.Service, command.ExecuteScalar());
    }
}
