using System.Buffers;
using System.Net;
using System.Text;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Core.Tests.Wire;

/// <summary>The record wire format: what the writer writes the reader reads back, the connection object included.</summary>
public class RecordJsonTests
{
    private static ParsedRecords Read(string json, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors(50);
        return RecordJsonReader.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), 10_000, errors)
               ?? throw new Xunit.Sdk.XunitException("did not parse: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    private static HostAddress Address(string text) => HostAddress.From(IPAddress.Parse(text));

    [Fact]
    public void Real_records_with_their_connections_read_back_as_written()
    {
        var records = TestData.EveryKth(TestData.TestPlus, 300).Records;
        var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        // Every third record has no connection object, as a batch mixing traffic and NSL-KDD rows would.
        ConnectionEndpoints? Connection(int i) => i % 3 == 0 ? null
            : new ConnectionEndpoints(start.AddMilliseconds(i * 1.5), Address(i % 2 == 0 ? "10.0.0.1" : "2001:db8::7"), 40000 + i, Address("192.0.2.8"), 80);

        var parsed = Read("[" + string.Join(",", records.Select((r, i) => RecordJsonWriter.ToJson(r, Connection(i)))) + "]");

        Assert.True(parsed.IsBatch);
        Assert.Equal(records.Count, parsed.Records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i].ToFields(), parsed.Records[i].ToFields());
            Assert.Equal(Connection(i), parsed.Connections![i]);
        }
    }

    [Fact]
    public void Without_any_connection_object_there_is_no_list_of_connections()
    {
        var parsed = Read(RecordJsonWriter.ToJson(TestData.TestPlus.Records[0]));
        Assert.False(parsed.IsBatch);
        Assert.Null(parsed.Connections);
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("2001:DB8::7", "2001:db8::7")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")] // the same host as extraction writes it
    [InlineData("fe80::1%eth0", "fe80::1")] // a zone names the sender's interface, not a host
    public void Addresses_are_read_as_hosts(string sent, string stored)
    {
        var json = RecordJsonWriter.ToJson(TestData.TestPlus.Records[0])[..^1]
                   + $",\"connection\":{{\"start_time\":\"2026-12-01T10:00:00Z\",\"src_addr\":\"{sent}\",\"src_port\":1,\"dst_addr\":\"192.0.2.8\",\"dst_port\":2}}}}";
        Assert.Equal(stored, Read(json).Connections![0]!.Value.SourceAddress.ToString());
    }

    [Theory]
    [InlineData("\"1.2.3.4%eth0\"")] // a zone is IPv6's only
    [InlineData("\"example.org\"")]
    [InlineData("\"10.0.0.999\"")]
    [InlineData("167772161")]
    public void What_is_not_an_address_is_named(string value)
    {
        var json = "[" + RecordJsonWriter.ToJson(TestData.TestPlus.Records[0])[..^1]
                   + $",\"connection\":{{\"start_time\":\"2026-12-01T10:00:00Z\",\"src_addr\":{value},\"src_port\":1,\"dst_addr\":\"192.0.2.8\",\"dst_port\":2}}}}]";
        var errors = new FieldErrors(50);
        Assert.Null(RecordJsonReader.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), 10, errors));
        Assert.Equal(["is not an IPv4 or IPv6 address"], errors.ToDictionary()["[0].connection.src_addr"]);
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public void One_record_is_read_or_refused_with_every_problem_named()
    {
        var record = TestData.TestPlus.Records[5];
        Assert.Equal(record.ToFields(), RecordJsonReader.ParseOne(Encoding.UTF8.GetBytes(RecordJsonWriter.ToJson(record))).ToFields());
        var error = Assert.Throws<System.Text.Json.JsonException>(() => RecordJsonReader.ParseOne(Encoding.UTF8.GetBytes("{\"duration\":-1}")));
        Assert.Contains("duration is -1", error.Message);
        Assert.Contains("service is missing", error.Message);
    }
}
