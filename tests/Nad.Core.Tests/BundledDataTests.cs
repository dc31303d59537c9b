using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Nad.Core.Reading;

namespace Nad.Core.Tests;

public class BundledDataTests
{
    // The sha256 values published in the data set's README (../shared/data/nsl-kdd/README.md),
    // over the uncompressed bytes: the bundled gzip files must decompress to exactly those files.
    [Theory]
    [InlineData(BundledData.TrainFile, "7f559a16d81d19b59cee30d9e22087e19e5fea127e4b184b92eda3cdfe8f6566")]
    [InlineData(BundledData.TestPlusFile, "186d532c3bb0dafbf49dabed1cc44d27a07a690e7d2ed50c0b8f85edb4ee57ac")]
    [InlineData(BundledData.Test21File, "3131f503bfe7bf45290c026d704243b44607cde685c9e3d675df1b2653dbc4da")]
    public void Bundled_file_decompresses_to_the_published_bytes(string file, string sha256)
    {
        using var stream = File.OpenRead(Path.Combine(BundledData.Folder(), file));
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(gzip)));
    }

    [Fact]
    public void Published_hashes_match_the_shared_readme_when_it_is_present()
    {
        var readme = Path.Combine(TestData.RepoRoot, "..", "shared", "data", "nsl-kdd", "README.md");
        if (!File.Exists(readme)) return; // a clone without ../shared: the theory above still pins the hashes
        var text = File.ReadAllText(readme);
        foreach (var (csv, hash) in new[]
        {
            ("Network_anomaly_data.csv", "7f559a16d81d19b59cee30d9e22087e19e5fea127e4b184b92eda3cdfe8f6566"),
            ("KDDTest+.csv", "186d532c3bb0dafbf49dabed1cc44d27a07a690e7d2ed50c0b8f85edb4ee57ac"),
            ("KDDTest-21.csv", "3131f503bfe7bf45290c026d704243b44607cde685c9e3d675df1b2653dbc4da"),
        })
            Assert.Matches(new Regex(Regex.Escape(csv) + @"\s+" + hash), text);
    }

    [Fact]
    public void Bundled_files_have_the_documented_row_and_class_counts()
    {
        var train = TestData.Train;
        Assert.Equal(125_973, train.Count);
        Assert.Equal(67_343, train.RequireLabels().Count(l => !l.IsAttack));
        var test = TestData.TestPlus;
        Assert.Equal(22_544, test.Count);
        Assert.Equal(12_833, test.RequireLabels().Count(l => l.IsAttack));
        var test21 = NslKddReader.ReadFile(BundledData.Test21);
        Assert.Equal(11_850, test21.Count);
        Assert.Equal(2_152, test21.RequireLabels().Count(l => !l.IsAttack));
    }
}
