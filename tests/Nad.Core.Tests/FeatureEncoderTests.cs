using System.Text.Json;
using Nad.Core.Features;
using Nad.Core.ModelFiles;
using Nad.Core.Records;

namespace Nad.Core.Tests;

public class FeatureEncoderTests
{
    private static readonly ConnectionDataset Slice = TestData.EveryKth(TestData.Train, 3000);

    [Fact]
    public void Learns_the_vocabularies_and_one_hot_encodes_with_an_unknown_slot()
    {
        var encoder = FeatureEncoder.Fit(TestData.Train.Records);
        // NSL-KDD training: 3 protocols, 70 services, 11 flags; each with an unknown slot; 38 numeric.
        Assert.Equal(["icmp", "tcp", "udp"], encoder.Vocabularies[0]);
        Assert.Equal(70, encoder.Vocabularies[1].Length);
        Assert.Equal(11, encoder.Vocabularies[2].Length);
        Assert.Equal(4 + 71 + 12 + 38, encoder.Dimension);
        Assert.Equal(encoder.Dimension, encoder.FeatureNames.Count);

        var record = TestData.Train.Records[0]; // tcp, ftp_data, SF, srcbytes 491
        var vector = new float[encoder.Dimension];
        Assert.True(encoder.Encode(record, vector));
        Assert.Equal(3, vector.Take(4 + 71 + 12).Count(v => v == 1f));
        Assert.Equal(1f, vector[encoder.FeatureNames.ToList().IndexOf("service=ftp_data")]);
        Assert.Equal((float)Math.Log(492), vector[encoder.FeatureNames.ToList().IndexOf("srcbytes (log1p)")], 5);
        Assert.Equal(0.17f, vector[encoder.FeatureNames.ToList().IndexOf("dsthostsamesrvrate")]);
    }

    [Fact]
    public void Log_scaled_columns_are_log1p_bit_for_bit_for_zeros_small_integers_fractions_and_large_values()
    {
        var encoder = FeatureEncoder.Fit(Slice.Records);
        var names = encoder.FeatureNames.ToList();
        var count = NslKddSchema.NumericColumns.ToList().FindIndex(c => c.Name == "count");
        var srcbytes = NslKddSchema.NumericColumns.ToList().FindIndex(c => c.Name == "srcbytes");
        var vector = new float[encoder.Dimension];
        // 0 and the small integers take shortcuts (a skipped call, a table); 1023/1024 are the table's edge.
        foreach (var value in new[] { 0, 1, 2, 7, 511, 1023, 1024, 1025, 0.5, 2.25, 491, 1e9, 12345678.9 })
        {
            var numeric = (double[])Slice.Records[0].Numeric.Clone();
            numeric[count] = value;
            numeric[srcbytes] = value;
            encoder.Encode(new ConnectionRecord("tcp", "http", "SF", numeric), vector);
            var expected = (float)Math.Log(1 + value);
            Assert.Equal(expected, vector[names.IndexOf("count (log1p)")]);
            Assert.Equal(expected, vector[names.IndexOf("srcbytes (log1p)")]);
        }
    }

    [Fact]
    public void Unseen_category_goes_to_the_unknown_slot_and_is_counted()
    {
        var encoder = FeatureEncoder.Fit(Slice.Records);
        var seen = Slice.Records[0];
        var unseen = new ConnectionRecord(seen.ProtocolType, "quantum", seen.Flag, seen.Numeric);
        var vector = new float[encoder.Dimension];
        Assert.False(encoder.Encode(unseen, vector));
        Assert.Equal(1f, vector[encoder.FeatureNames.ToList().IndexOf("service=<unknown>")]);
        Assert.Equal(1, encoder.CountUnknown([seen, unseen, seen]));
        Assert.True(encoder.HasUnknown(unseen));
        Assert.False(encoder.HasUnknown(seen));
        Assert.Equal(1, encoder.EncodeBatch([seen, unseen]).RowsWithUnknownCategories);
    }

    [Fact]
    public void Standardized_features_have_zero_mean_and_unit_variance_except_constants()
    {
        var encoder = FeatureEncoder.Fit(Slice.Records, new FeatureEncoderOptions { Standardize = true });
        var batch = encoder.EncodeBatch(Slice.Records);
        var j = encoder.FeatureNames.ToList().IndexOf("srcbytes (log1p)");
        var column = Enumerable.Range(0, batch.Rows).Select(i => (double)batch.Row(i)[j]).ToArray();
        Assert.Equal(0, column.Average(), 4);
        Assert.Equal(1, Math.Sqrt(column.Select(v => v * v).Average()), 3);
        var constant = encoder.FeatureNames.ToList().IndexOf("numoutboundcmds (log1p)");
        Assert.All(Enumerable.Range(0, batch.Rows), i => Assert.Equal(0f, batch.Row(i)[constant]));
    }

    [Fact]
    public void Json_round_trip_gives_the_same_encoding()
    {
        var encoder = FeatureEncoder.Fit(Slice.Records, new FeatureEncoderOptions { Standardize = true });
        var copy = JsonSerializer.Deserialize<FeatureEncoder>(JsonSerializer.Serialize(encoder, ModelFile.Json), ModelFile.Json)!;
        Assert.Equal(encoder.EncodeBatch(Slice.Records).Values, copy.EncodeBatch(Slice.Records).Values);
    }
}
