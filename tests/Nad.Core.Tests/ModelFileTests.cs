using System.IO.Compression;
using Nad.Core.ModelFiles;
using Nad.Core.Training;

namespace Nad.Core.Tests;

public class ModelFileTests(SmallForest forest) : IClassFixture<SmallForest>
{
    private readonly string _folder = TestData.TempFolder();

    private string SaveGood()
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.nadmodel");
        ModelFile.Save(forest.Detector, path);
        return path;
    }

    [Fact]
    public void Truncated_file_is_refused_clearly()
    {
        var path = SaveGood();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void A_changed_payload_byte_is_caught_by_the_checksum()
    {
        var path = SaveGood();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("model.bin")!;
            byte[] payload;
            using (var s = entry.Open()) { using var m = new MemoryStream(); s.CopyTo(m); payload = m.ToArray(); }
            payload[payload.Length / 2] ^= 0x5a;
            entry.Delete();
            using var w = zip.CreateEntry("model.bin").Open();
            w.Write(payload);
        }
        Assert.Contains("is corrupted", Assert.Throws<ModelFileException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void Foreign_files_are_refused_clearly()
    {
        var text = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(text, "not a model");
        Assert.Contains("not a NAD model file", Assert.Throws<ModelFileException>(() => ModelFile.Load(text)).Message);

        var otherZip = Path.Combine(_folder, "other.zip");
        using (var zip = ZipFile.Open(otherZip, ZipArchiveMode.Create)) zip.CreateEntry("readme.txt");
        Assert.Contains("no manifest.json", Assert.Throws<ModelFileException>(() => ModelFile.Load(otherZip)).Message);

        Assert.Contains("does not exist", Assert.Throws<ModelFileException>(() => ModelFile.Load(Path.Combine(_folder, "missing"))).Message);
    }

    [Fact]
    public void A_newer_format_version_is_refused_with_the_versions()
    {
        var path = SaveGood();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("manifest.json")!;
            string json;
            using (var r = new StreamReader(entry.Open())) json = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            w.Write(json.Replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        }
        Assert.Contains("newer NAD (format 99", Assert.Throws<ModelFileException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void Saving_over_a_good_file_replaces_it_whole_and_leaves_no_temp_files()
    {
        var path = SaveGood();
        ModelFile.Save(forest.Detector, path);
        Assert.Equal(forest.Detector.Threshold, ModelFile.Load(path).Threshold);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void The_manifest_records_data_parameters_and_version()
    {
        var loaded = ModelFile.Load(SaveGood());
        var m = loaded.Manifest;
        Assert.Equal(ModelManifest.CurrentFormatVersion, m.FormatVersion);
        Assert.Equal("slice", m.TrainingData.Name);
        Assert.Equal(6000, m.TrainingData.Rows);
        Assert.Equal("30", m.Parameters["trees"]);
        Assert.Equal(64, m.PayloadSha256.Length);
        Assert.True(m.Supervised);
        Assert.InRange(m.CreatedUtc, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
