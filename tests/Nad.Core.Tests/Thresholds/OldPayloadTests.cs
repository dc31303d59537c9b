using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Records;

namespace Nad.Core.Tests.Thresholds;

/// <summary>
/// Payloads that stored a threshold before the threshold lived only in the manifest (format 1) still
/// load and score as the new format does: the old fields are read and set aside.
/// </summary>
public class OldPayloadTests
{
    private static readonly Lazy<ConnectionDataset> Train = new(() => TestData.EveryKth(TestData.Train, 3000, offset: 2));
    private static readonly Lazy<IReadOnlyList<ConnectionRecord>> Test = new(() => TestData.EveryKth(TestData.TestPlus, 500, offset: 1).Records);

    [Theory]
    [InlineData("isolation-forest", 2)] // format 1 began with the contamination and the threshold
    [InlineData("pca", 1)]              // format 1 began with the threshold
    [InlineData("knn", 1)]
    public void A_framed_format_1_payload_loads_and_scores_as_format_2(string model, int oldDoubles)
    {
        var entry = DetectorCatalog.Get(model);
        var fitted = entry.CreateTrainer(new TrainerSettings { Seed = 3 }).Fit(Train.Value).Model;
        using var current = new MemoryStream();
        fitted.Save(current);
        var bytes = current.ToArray();
        Assert.Equal(2, BitConverter.ToInt32(bytes, 4));

        // Magic, version 1, the old doubles (any value: they are not used), then the same body.
        using var old = new MemoryStream();
        old.Write(bytes, 0, 4);
        old.Write(BitConverter.GetBytes(1));
        for (var d = 0; d < oldDoubles; d++) old.Write(BitConverter.GetBytes(0.123));
        old.Write(bytes, 8, bytes.Length - 8);

        var loaded = entry.LoadModel(new MemoryStream(old.ToArray()), fitted.Encoder);
        Assert.Equal(fitted.Score(Test.Value), loaded.Score(Test.Value));
    }

    [Fact]
    public void A_randomized_pca_payload_that_began_with_its_threshold_loads()
    {
        var entry = DetectorCatalog.Get("randomized-pca");
        var fitted = entry.CreateTrainer(new TrainerSettings { Seed = 3 }).Fit(Train.Value).Model;
        using var current = new MemoryStream();
        fitted.Save(current);
        var bytes = current.ToArray();
        const int Frame = 8; // magic and version, then ML.NET's zip

        using var old = new MemoryStream();
        old.Write(BitConverter.GetBytes(0.9));
        old.Write(bytes, Frame, bytes.Length - Frame);

        var loaded = entry.LoadModel(new MemoryStream(old.ToArray()), fitted.Encoder);
        Assert.Equal(fitted.Score(Test.Value), loaded.Score(Test.Value));
    }

    [Fact]
    public void A_payload_format_newer_than_this_NAD_is_refused_with_its_number()
    {
        var entry = DetectorCatalog.Get("pca");
        var fitted = entry.CreateTrainer(TrainerSettings.Default).Fit(Train.Value).Model;
        using var current = new MemoryStream();
        fitted.Save(current);
        var bytes = current.ToArray();
        BitConverter.GetBytes(3).CopyTo(bytes, 4);

        var error = Assert.Throws<InvalidDataException>(() => entry.LoadModel(new MemoryStream(bytes), fitted.Encoder));
        Assert.Contains("format 3 is not one of 1 to 2", error.Message);
    }
}
