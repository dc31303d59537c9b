using MathNet.Numerics.Statistics;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Features;
using Nad.Core.Tests.Fixtures;

namespace Nad.Core.Tests.Detectors.Unsupervised;

public class IsolationForestTests
{
    [Fact]
    public void Far_points_score_highest_on_a_gaussian_blob()
    {
        var random = new Random(7);
        const int dimension = 3, blob = 600;
        var far = new[] { new[] { 10f, 0, 0 }, [0, -10, 0], [0, 0, 12], [7, 7, 7], [-8, 6, -6] };
        var values = new List<float>();
        for (var i = 0; i < blob; i++)
            for (var j = 0; j < dimension; j++) values.Add((float)Gaussian(random));
        foreach (var point in far) values.AddRange(point);

        // Every tree sees every row (ψ = n), so the far points are always in the trees they must escape.
        var forest = IsolationForest.Fit(values.ToArray(), blob + far.Length, dimension, new IsolationForestOptions { MaxSamples = 1000, Seed = 1 });
        var scores = forest.Score(values.ToArray());

        var highestBlob = scores.Take(blob).Max();
        Assert.All(scores.Skip(blob), s => Assert.True(s > highestBlob, $"a far point scored {s:0.000}, a blob point {highestBlob:0.000}"));
        Assert.All(scores.Skip(blob), s => Assert.True(s > 0.6, $"a far point scored only {s}"));
        Assert.True(scores.Take(blob).Average() < 0.5, "blob points should score below the paper's 0.5 cut on average");
    }

    [Fact]
    public void Ranks_rows_like_scikit_learn()
    {
        var rows = Fixture.ReadNumbers("isolation_forest_blob.csv");
        var values = rows.SelectMany(r => r.Take(4)).Select(v => (float)v).ToArray();
        var reference = rows.Select(r => r[4]).ToArray();

        var forest = IsolationForest.Fit(values, rows.Length, 4, new IsolationForestOptions { Trees = 2000, Seed = 3 });
        var scores = forest.Score(values);

        var spearman = Correlation.Spearman(scores, reference);
        Assert.True(spearman > 0.97, $"Spearman rank correlation with scikit-learn is {spearman:0.000}");
        // Same scale as scikit-learn's, not just the same order (both use s = 2^(-E[h]/c(ψ))).
        var meanAbsoluteDifference = scores.Zip(reference, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanAbsoluteDifference < 0.01, $"scores differ from scikit-learn's by {meanAbsoluteDifference:0.0000} on average");
    }

    [Fact]
    public void Same_seed_gives_the_same_forest_whatever_the_thread_count()
    {
        var (values, rows) = RandomMatrix(2000, 5, seed: 11);
        var one = IsolationForest.Fit(values, rows, 5, new IsolationForestOptions { Seed = 5, Threads = 1 });
        var two = IsolationForest.Fit(values, rows, 5, new IsolationForestOptions { Seed = 5, Threads = 2 });
        var other = IsolationForest.Fit(values, rows, 5, new IsolationForestOptions { Seed = 6 });

        Assert.Equal(one.Score(values, threads: 1), two.Score(values, threads: 2));
        Assert.NotEqual(one.Score(values), other.Score(values));
    }

    [Fact]
    public void Trees_respect_the_height_limit_and_subsample_size()
    {
        var (values, rows) = RandomMatrix(5000, 4, seed: 2);
        var forest = IsolationForest.Fit(values, rows, 4, new IsolationForestOptions { Trees = 20, MaxSamples = 256, Seed = 1 });

        Assert.Equal(20, forest.TreeCount);
        Assert.Equal(256, forest.SamplesPerTree);
        var nodes = forest.Nodes;
        foreach (var root in forest.Roots.ToArray())
            Assert.True(Depth(nodes.ToArray(), root) <= 8, "ceil(log2 256) = 8 levels at most");
        // Every leaf's value is its depth plus c(n) for the n <= 256 rows that reached it.
        foreach (var node in nodes.ToArray().Where(n => n.IsLeaf))
            Assert.InRange(node.Value, 1, 8 + AveragePathLength.Of(256));
    }

    [Fact]
    public void Small_data_uses_every_row_and_max_features_limits_the_split_columns()
    {
        var (values, rows) = RandomMatrix(50, 10, seed: 4);
        var forest = IsolationForest.Fit(values, rows, 10, new IsolationForestOptions { Trees = 30, MaxFeatures = 0.2, Seed = 1 });

        Assert.Equal(50, forest.SamplesPerTree);
        var nodes = forest.Nodes.ToArray();
        var roots = forest.Roots.ToArray();
        for (var t = 0; t < roots.Length; t++)
        {
            var end = t + 1 < roots.Length ? roots[t + 1] : nodes.Length;
            var used = nodes[roots[t]..end].Where(n => !n.IsLeaf).Select(n => n.Feature).Distinct().Count();
            Assert.InRange(used, 1, 2);
        }
    }

    [Fact]
    public void Bootstrap_sampling_gives_a_different_but_valid_forest()
    {
        var (values, rows) = RandomMatrix(1000, 3, seed: 9);
        var plain = IsolationForest.Fit(values, rows, 3, new IsolationForestOptions { Seed = 1 });
        var bootstrap = IsolationForest.Fit(values, rows, 3, new IsolationForestOptions { Seed = 1, Bootstrap = true });

        var a = plain.Score(values);
        var b = bootstrap.Score(values);
        Assert.NotEqual(a, b);
        Assert.True(Correlation.Spearman(a, b) > 0.9);
    }

    [Fact]
    public void Save_and_load_give_identical_scores()
    {
        var (values, rows) = RandomMatrix(3000, 6, seed: 1);
        var forest = IsolationForest.Fit(values, rows, 6, new IsolationForestOptions { Seed = 8 });
        using var stream = new MemoryStream();
        forest.Save(stream);
        stream.Position = 0;

        var loaded = IsolationForest.Load(stream);

        Assert.Equal(forest.Score(values), loaded.Score(values));
        Assert.Equal(forest.TreeCount, loaded.TreeCount);
    }

    [Fact]
    public void Damaged_payloads_are_refused_with_a_clear_error()
    {
        var (values, rows) = RandomMatrix(300, 2, seed: 1);
        using var stream = new MemoryStream();
        IsolationForest.Fit(values, rows, 2, new IsolationForestOptions { Trees = 5 }).Save(stream);
        var bytes = stream.ToArray();

        var truncated = Assert.Throws<InvalidDataException>(() => IsolationForest.Load(new MemoryStream(bytes[..(bytes.Length / 2)])));
        Assert.Contains("truncated", truncated.Message);
        bytes[0] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => IsolationForest.Load(new MemoryStream(bytes)));
    }

    [Fact]
    public void Batches_score_eight_rows_at_a_time_with_the_walks_scores_bit_for_bit()
    {
        // Real encoded rows (KDDTest+ slice, 1,003 rows: 125 blocks of eight and three walked alone).
        var train = TestData.EveryKth(TestData.Train, 4000, offset: 3);
        var encoder = FeatureEncoder.Fit(train.Records);
        var forest = IsolationForest.Fit(encoder.EncodeBatch(train.Records).Values, train.Count, encoder.Dimension, new IsolationForestOptions { Seed = 4 });
        var test = encoder.EncodeBatch(TestData.EveryKth(TestData.TestPlus, 1003).Records);
        var batch = new double[test.Rows];
        forest.Score(test.Values, batch);
        Assert.True(batch.Distinct().Count() > 100, "scores should vary on real rows");
        for (var i = 0; i < test.Rows; i++)
        {
            Assert.Equal(forest.ScoreByWalk(test.Row(i)), batch[i]);
            Assert.Equal(forest.ScoreByWalk(test.Row(i)), forest.Score(test.Row(i))); // one row through eight trees at a time
        }
        // NaN goes right in both.
        var odd = test.Values[..(8 * test.Dimension)];
        for (var i = 0; i < odd.Length; i += 7) odd[i] = float.NaN;
        var oddScores = new double[8];
        forest.Score(odd, oddScores);
        for (var i = 0; i < 8; i++) Assert.Equal(forest.ScoreByWalk(odd.AsSpan(i * test.Dimension, test.Dimension)), oddScores[i]);
    }

    [Fact]
    public void Forests_too_deep_for_the_perfect_layout_score_by_the_walk()
    {
        // 8,192 samples per tree: height limit 13, over the layout's 12; a random matrix keeps isolating to the limit.
        var (values, rows) = RandomMatrix(8192, 3, seed: 2);
        var deep = IsolationForest.Fit(values, rows, 3, new IsolationForestOptions { Trees = 3, MaxSamples = 8192 });
        var shallow = IsolationForest.Fit(values, rows, 3, new IsolationForestOptions { Trees = 3, MaxSamples = 4096 });
        Assert.Null(deep.Layout);
        Assert.NotNull(shallow.Layout);
        foreach (var forest in new[] { deep, shallow })
        {
            var scores = new double[64];
            forest.Score(values.AsSpan(0, 64 * 3), scores);
            for (var i = 0; i < 64; i++) Assert.Equal(forest.ScoreByWalk(values.AsSpan(i * 3, 3)), scores[i]);
        }
    }

    [Fact]
    public void A_node_graph_that_loops_is_refused_not_walked_forever()
    {
        // Node 0 splits to nodes 1 and 2; node 1 splits to itself and node 2 (children are Left and Left + 1).
        IsolationForest.Node[] nodes = [new(0, 0.5f, 1, 0), new(0, 0.5f, 1, 0), new(-1, 0, 0, 1)];
        Assert.Throws<ArgumentException>(() => new IsolationForest(nodes, [0], dimension: 1, samplesPerTree: 4));
    }

    [Fact]
    public void Rows_of_the_wrong_length_are_rejected()
    {
        var (values, rows) = RandomMatrix(100, 3, seed: 1);
        var forest = IsolationForest.Fit(values, rows, 3);
        Assert.Throws<ArgumentException>(() => forest.Score(new float[2].AsSpan()));
        Assert.Throws<ArgumentException>(() => IsolationForest.Fit(values, rows + 1, 3));
    }

    private static int Depth(IsolationForest.Node[] nodes, int index) =>
        nodes[index].IsLeaf ? 0 : 1 + Math.Max(Depth(nodes, nodes[index].Left), Depth(nodes, nodes[index].Left + 1));

    private static (float[] Values, int Rows) RandomMatrix(int rows, int dimension, int seed)
    {
        var random = new Random(seed);
        return (Enumerable.Range(0, rows * dimension).Select(_ => (float)Gaussian(random)).ToArray(), rows);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
