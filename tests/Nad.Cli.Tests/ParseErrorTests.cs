using Nad.Core.Reading;

namespace Nad.Cli.Tests;

/// <summary>A command line that does not parse is bad input: exit 2, the error first, one line of hint, no wall of help.</summary>
public class ParseErrorTests
{
    [Fact]
    public void An_unknown_option_exits_2_naming_it_with_a_guess_and_a_one_line_hint()
    {
        var result = CliRunner.Run("evaluate", "--modle", "m.nadmodel", "--data", "d.csv");
        Assert.Equal(2, result.ExitCode);
        var lines = Lines(result.StdErr);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains("'--modle'", result.StdErr);
        Assert.Contains("did you mean '--model'?", lines);
        Assert.Equal("see 'nad evaluate --help'", lines[^1]);
        AssertNoHelp(result);
    }

    [Fact]
    public void A_missing_required_option_exits_2_naming_the_option()
    {
        var result = CliRunner.Run("predict", "--data", BundledData.TestPlus);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: Option '--model' is required.", "see 'nad predict --help'"], Lines(result.StdErr));
        AssertNoHelp(result);
    }

    [Fact]
    public void A_value_of_the_wrong_type_exits_2_saying_what_was_expected()
    {
        var result = CliRunner.Run("train", "--cv", "five", "--data", BundledData.Train, "--out", "m.nadmodel");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: Cannot parse argument 'five' for option '--cv' as a whole number.", "see 'nad train --help'"], Lines(result.StdErr));
        AssertNoHelp(result);
    }

    [Fact]
    public void A_mistyped_or_missing_command_exits_2_with_the_command_list_or_a_guess()
    {
        var typo = CliRunner.Run("trian");
        Assert.Equal(2, typo.ExitCode);
        Assert.Equal(["error: Unrecognized command or argument 'trian'.", "did you mean 'train'?", "see 'nad --help'"], Lines(typo.StdErr));

        var none = CliRunner.Run();
        Assert.Equal(2, none.ExitCode);
        var lines = Lines(none.StdErr);
        Assert.Equal("error: Required command was not provided.", lines[0]);
        Assert.StartsWith("commands: train, retrain, evaluate, predict", lines[1]);
        Assert.Equal("see 'nad --help'", lines[^1]);
    }

    [Fact]
    public void Help_is_still_printed_when_asked_for_and_exits_0()
    {
        var result = CliRunner.Run("train", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--data", result.StdOut);
        Assert.Equal("", result.StdErr);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AssertNoHelp(CliRunner.Result result)
    {
        Assert.Equal("", result.StdOut);
        Assert.DoesNotContain("Options:", result.StdErr);
        Assert.True(Lines(result.StdErr).Length <= 6, result.StdErr); // the errors, a guess, the hint: not ~60 lines of help
    }
}
