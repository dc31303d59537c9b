using Nad.Core.Exploration;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Tests.Schemas;

/// <summary><c>nad explore</c>'s statistics over another schema's columns and families (the UNSW-NB15 sample).</summary>
public sealed class SchemaExplorationTests
{
    [Fact]
    public void Unsw_sample_is_explored_over_its_own_columns_and_attack_cat_families()
    {
        var schema = BuiltInSchemas.UnswNb15;
        var data = RecordReader.ReadFile(schema, FlowSamples.Unsw);
        var report = DatasetExplorer.Explore(data);

        Assert.Equal(schema.NumericFeatureNames, report.NumericFeatures.Select(f => f.Name));
        Assert.Equal(schema.CategoricalColumns.Select(c => c.Name), report.CategoricalFeatures.Select(f => f.Name));
        Assert.Equal(schema.Columns.Count + 1, report.Overview.Columns);

        // The families and their counts: the attack_cat column of the file's text.
        var lines = FlowSamples.ReadLines(FlowSamples.Unsw).ToArray();
        var category = Array.IndexOf(lines[0].TrimStart('\uFEFF').Split(','), "attack_cat");
        var expected = lines.Skip(1).Where(l => l.Length > 0).GroupBy(l => l.Split(',')[category].Trim())
            .ToDictionary(g => g.Key, g => g.Count());
        var byFamily = report.Balance!.ByFamily.ToDictionary(c => c.Name, c => c.Count);
        Assert.Equal(expected.OrderBy(p => p.Key), byFamily.OrderBy(p => p.Key));
        var proto = report.CategoricalFeatures.Single(f => f.Name == "proto");
        Assert.Equal(data.Count, proto.Values.Sum(v => v.Total));

        // The per-feature tests run; the analyst's NSL-KDD questions (serrorrate, R2L, ...) do not.
        Assert.Contains(report.Tests, t => t.Feature == "proto");
        Assert.DoesNotContain(report.Tests, t => t.Id.StartsWith("h-", StringComparison.Ordinal));

        var cic = RecordReader.ReadFile(BuiltInSchemas.CicIds2017, FlowSamples.CicTrafficLabelling);
        var mixed = Assert.Throws<ArgumentException>(() => DatasetExplorer.Explore(data, cic));
        Assert.Contains("'cic-ids2017'", mixed.Message);
        Assert.Contains("'unsw-nb15'", mixed.Message);
    }
}
