using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Tests.Fixtures;
using Nad.Core.Training;

namespace Nad.Core.Tests.Detectors.Unsupervised;

public class KnnTests
{
    [Fact]
    public void Mean_distance_to_the_k_nearest_matches_a_plain_computation()
    {
        var random = new Random(5);
        const int dimension = 7, count = 300, k = 4;
        var reference = Enumerable.Range(0, count * dimension).Select(_ => (float)random.NextDouble()).ToArray();
        var knn = new KnnDistance(reference, dimension, k);

        for (var q = 0; q < 20; q++)
        {
            var query = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 1.5)).ToArray();
            var expected = Enumerable.Range(0, count)
                .Select(r => Math.Sqrt(Enumerable.Range(0, dimension).Sum(j => Math.Pow(query[j] - reference[r * dimension + j], 2))))
                .Order().Take(k).Average();
            Assert.Equal(expected, knn.Score(query), 4);
        }
        // A reference row counts itself (distance 0) among its neighbours unless left out.
        Assert.True(knn.Score(reference.AsSpan(0, dimension), exclude: 0) > knn.Score(reference.AsSpan(0, dimension)));
    }

    [Fact]
    public void Blocked_batch_scoring_equals_row_by_row_scoring()
    {
        var random = new Random(8);
        // 13 columns (not a multiple of the vector width), 600 reference rows (not a multiple of the
        // 256-row slice), 131 queries (not a multiple of 4 or of the 64-row block).
        const int dimension = 13, count = 600, queries = 131, k = 5;
        var reference = Enumerable.Range(0, count * dimension).Select(_ => (float)random.NextDouble()).ToArray();
        var values = Enumerable.Range(0, queries * dimension).Select(_ => (float)(random.NextDouble() * 1.2)).ToArray();
        var knn = new KnnDistance(reference, dimension, k);

        var batch = knn.ScoreRows(values);
        Assert.Equal(queries, batch.Length);
        for (var q = 0; q < queries; q++)
            Assert.Equal(knn.Score(values.AsSpan(q * dimension, dimension)), batch[q], 4);
    }

    [Fact]
    public void Knn_on_normal_rows_ranks_attacks_high_and_survives_a_model_file()
    {
        var train = DataSlices.Head(BundledData.Train, 8000).NormalOnly();
        var test = DataSlices.Head(BundledData.TestPlus, 1000);
        var settings = new TrainerSettings { Parameters = new Dictionary<string, string> { ["reference"] = "2000" } };
        var detector = DetectorTraining.Train(DetectorCatalog.Get("knn").CreateTrainer(settings), train, new TrainingDataInfo("slice", "", 0), new TrainingOptions { Refit = false });
        var scores = detector.Score(test.Records);

        var auc = RankMetrics.RocAuc(test.RequireLabels().Select(l => l.IsAttack).ToArray(), scores);
        // Measured 0.957 on the full KDDTest+ with 20,000 reference rows.
        Assert.True(auc > 0.9, $"ROC-AUC {auc:0.000}");

        using var file = new MemoryStream();
        ModelFile.Write(detector, file);
        file.Position = 0;
        Assert.Equal(scores, ModelFile.Read(file, "knn round trip").Score(test.Records));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<InvalidParameterException>(() => new KnnTrainer(new TrainerSettings { Parameters = new Dictionary<string, string> { ["k"] = "0" } }));
        Assert.Throws<InvalidParameterException>(() => new KnnTrainer(new TrainerSettings { Parameters = new Dictionary<string, string> { ["contamination"] = "auto" } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KnnDistance(new float[6], 3, 3));
    }
}
