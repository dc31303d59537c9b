using Nad.Core.ModelFiles;

namespace Nad.Cli.Tests;

/// <summary>What <c>nad train</c> trains when no <c>--model</c> is given: the hybrid for normal/attack, LightGBM for families.</summary>
public class DefaultModelCliTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Train_without_model_writes_a_hybrid_model_file()
    {
        var path = Path.Combine(data.Folder, "default.nadmodel");
        var result = CliRunner.Run("train", "--data", data.TrainPath, "--out", path);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var detector = ModelFile.Load(path);
        Assert.Equal("hybrid", detector.Manifest.Model);
        Assert.Equal("attack", detector.Manifest.Target);
        Assert.Equal("isolation-forest", detector.Manifest.Parameters["anomaly"]);
        Assert.Equal(1.0, detector.Threshold); // each member's score in units of its own threshold
    }

    [Fact]
    public void Train_family_without_model_writes_a_lightgbm_family_model_file()
    {
        var path = Path.Combine(data.Folder, "default-family.nadmodel");
        var result = CliRunner.Run("train", "--target", "family", "--data", data.TrainPath, "--out", path);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var detector = ModelFile.Load(path);
        Assert.Equal("lightgbm", detector.Manifest.Model);
        Assert.Equal("family", detector.Manifest.Target);
        Assert.NotNull(detector.FamilyClassifier);
    }

    [Fact]
    public void Train_help_names_both_defaults()
    {
        var help = CliRunner.Run("train", "--help");
        Assert.Contains("Default: hybrid (normal/attack), lightgbm with --target family", System.Text.RegularExpressions.Regex.Replace(help.StdOut, @"\s+", " "));
    }
}
