using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Tests.Schemas;

public class SchemaFileTests
{
    private readonly string _folder = TestData.TempFolder();

    [Fact]
    public void Every_built_in_schema_round_trips_through_json()
    {
        foreach (var schema in BuiltInSchemas.All)
        {
            var back = SchemaFile.Parse(SchemaFile.ToJson(schema), schema.Name);
            Assert.Equal(SchemaFile.ToJson(schema), SchemaFile.ToJson(back));
            Assert.Equal(schema.NumericFeatureNames, back.NumericFeatureNames);
        }
    }

    [Fact]
    public void Nsl_kdd_schema_is_generated_from_the_41_columns()
    {
        var schema = BuiltInSchemas.NslKdd;
        Assert.Equal(NslKddSchema.Columns.Select(c => c.Name), schema.Columns.Select(c => c.Name));
        Assert.Equal(NslKddSchema.NumericColumns.Select(c => c.Name), schema.NumericFeatureNames);
        Assert.Equal("DoS", schema.Label!.FamilyOf("neptune"));
        Assert.Equal(["lastflag"], schema.IgnoredColumns);
    }

    [Fact]
    public void Built_in_layouts_have_their_published_feature_counts()
    {
        Assert.Equal(42, BuiltInSchemas.UnswNb15.Columns.Count);
        Assert.Equal(77, BuiltInSchemas.CicIds2017.Columns.Count); // 78 columns, Fwd Header Length twice
        Assert.Equal(83, BuiltInSchemas.CicIds2017Improved.Columns.Count);
        Assert.Equal(4, BuiltInSchemas.CicIds2017.IndicatorColumns.Count);
    }

    [Fact]
    public void A_bad_schema_file_names_the_file_and_the_problem()
    {
        var error = Assert.Throws<DataFormatException>(() => SchemaFile.Parse("""{"name":"x","columns":[{"kind":"numeric"}]}""", "x.json")).Errors.Single();
        Assert.Equal("x.json", error.File);
        Assert.Contains("column 1 has no \"name\"", error.Problem);
        var kind = Assert.Throws<DataFormatException>(() => SchemaFile.Parse("""{"name":"x","columns":[{"name":"a","kind":"text"}]}""", "y.json")).Errors.Single();
        Assert.Contains("not a valid schema file", kind.Problem);
        Assert.Throws<DataFormatException>(() => SchemaFile.Resolve("no-such-schema"));
    }

    [Fact]
    public void Inferring_the_unsw_sample_finds_the_published_layout()
    {
        var schema = SchemaInference.Infer(FlowSamples.Unsw, "attack_cat", ["Normal"], "unsw");
        Assert.Equal(BuiltInSchemas.UnswNb15.Columns.Select(c => (c.Name, c.Kind)), schema.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(["id"], schema.IgnoredColumns);
        Assert.Equal("label", schema.Label!.BinaryColumn);
        var data = RecordReader.ReadFile(schema, FlowSamples.Unsw);
        Assert.Equal(4528, data.Count);
    }

    [Fact]
    public void Inferring_the_improved_cic_sample_marks_missing_columns_and_connection_fields()
    {
        var path = FlowSamples.CicImproved("BENIGN_2500.csv");
        var schema = SchemaInference.Infer(path, "Label", ["BENIGN"]);
        Assert.Contains("Flow ID", schema.ConnectionFields);
        Assert.Contains("Timestamp", schema.ConnectionFields);
        Assert.Contains("id", schema.IgnoredColumns);
        var saved = Path.Combine(_folder, "improved.json");
        SchemaFile.Save(schema, saved);
        Assert.Equal(2500, RecordReader.ReadFile(SchemaFile.Load(saved), path).Count);
    }
}
