using Nad.Cli.Output;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary>
/// Every command in README.md runs as written (as nietras/Sep tests its README): each <c>nad</c>
/// line through <see cref="Nad.Cli.NadApp"/> in a fresh working folder holding the checkout's
/// examples/ and data/, each <c>curl</c> line against the real service; the <c>dotnet</c> lines are
/// checked elsewhere, each for the reason given here. A line with no rule fails the test.
/// </summary>
[Collection(ProcessScopeCollection.Name)]
public class ReadmeTests(CliData data) : IClassFixture<CliData>
{
    /// <summary>The README's <c>dotnet</c> lines and where each is checked instead.</summary>
    private static readonly Dictionary<string, string> CheckedElsewhere = new()
    {
        ["dotnet run --project src/Nad.Cli -c Release -- serve"] =
            "runs until stopped; `nad serve` is tested by ServeCliTests and HomeFolderTests, the service by Nad.Service.Tests",
        ["dotnet test Nad.slnx -c Release"] = "this test run; .ci/run runs exactly it",
        ["dotnet pack src/Nad.Cli -c Release -o nupkg"] = ".ci/run packs the tool",
        ["dotnet tool install --global --add-source ./nupkg nad"] =
            ".ci/run installs that package (into a temporary --tool-path, not the machine's global tools) and runs it outside the checkout",
    };

    /// <summary><c>nad</c> lines that run until stopped, and where they are checked instead.</summary>
    private static readonly Dictionary<string, string> LongRunning = new()
    {
        ["nad serve"] = "runs until stopped; tested by ServeCliTests and HomeFolderTests; the curl line after it runs against the service here",
        ["nad serve --model out/unsw.nadmodel"] = "runs until stopped; a UNSW-NB15 model served by its own columns is tested by SchemaServiceTests, --model by ServeCliTests",
    };

    [Fact]
    public async Task Every_command_in_the_readme_runs_in_a_fresh_folder()
    {
        var repository = CliData.RepoRoot;
        var readme = File.ReadAllText(Path.Combine(repository, "README.md"));
        var commands = ReadmeCommands.Parse(readme);
        foreach (var setUp in new[] { "dotnet run --project src/Nad.Cli -c Release -- serve", "dotnet test Nad.slnx -c Release" })
            Assert.Contains(commands, c => c.Text == setUp); // the two set-up commands stay exactly as they are

        var work = ProcessScope.NewFolder("nad-readme");
        var home = ProcessScope.NewFolder("nad-readme-home");
        Copy(Path.Combine(repository, "examples"), Path.Combine(work, "examples"));
        Copy(Path.Combine(repository, "data", "nsl-kdd"), Path.Combine(work, "data", "nsl-kdd"));
        Copy(Path.Combine(repository, "data", "flows"), Path.Combine(work, "data", "flows"));
        await using var service = new KestrelService(data.ModelPath);
        var ran = 0;
        using (new ProcessScope(work, (NadHome.Variable, home)))
        {
            foreach (var command in commands)
            {
                var where = $"README.md line {command.Line}: {command.Text}";
                switch (command.Words[0])
                {
                    case "nad" when LongRunning.ContainsKey(string.Join(' ', command.Words)):
                        continue;
                    case "nad":
                        var missing = ReadmeCommands.MissingInputs(command.Words, work);
                        Assert.True(missing.Count == 0, $"{where}\nnames files that do not exist: {string.Join(", ", missing)}");
                        var result = CliRunner.Run(command.Words[1..]);
                        Assert.True(result.ExitCode == 0, $"{where}\nexit {result.ExitCode}\n{result.StdErr}");
                        foreach (var output in ReadmeCommands.Outputs(command.Words))
                            Assert.True(File.Exists(output) || Directory.Exists(output), $"{where}\ndid not write {output}");
                        ran++;
                        break;
                    case "dotnet":
                        Assert.True(CheckedElsewhere.ContainsKey(command.Text), $"{where}\nis a dotnet line with no rule here: add it to CheckedElsewhere with the reason");
                        break;
                    case "curl":
                        await Curl(command, service, work);
                        ran++;
                        break;
                    default:
                        Assert.Fail($"{where}\nhas no rule in this test: give it one, or keep it out of a ```bash block");
                        break;
                }
            }
        }
        Assert.True(ran >= 10, $"only {ran} README commands ran: did the README or its parsing change?");
        // The tour writes only where it says (out/), and nothing unasked into NAD's home folder.
        Assert.Empty(ProcessScope.FilesUnder(home));
        Assert.All(ProcessScope.FilesUnder(work), f => Assert.True(f.StartsWith("out/") || f.StartsWith("examples/") || f.StartsWith("data/"), f));
    }

    [Fact]
    public void A_readme_command_naming_a_missing_file_is_caught()
    {
        var folder = ProcessScope.NewFolder("nad-readme-missing");
        Directory.CreateDirectory(Path.Combine(folder, "examples"));
        File.WriteAllText(Path.Combine(folder, "examples", "records.csv"), "");
        var commands = ReadmeCommands.Parse("""
            text
            ```bash
            # a comment
            nad predict --model out/gone.nadmodel --data examples/records.csv   # a tail comment
            nad train --model random-forest --data "examples/no such.csv" \
              --out out/rf.nadmodel
            ```
            """);
        Assert.Equal(2, commands.Count);
        Assert.Equal(["out/gone.nadmodel"], ReadmeCommands.MissingInputs(commands[0].Words, folder));
        Assert.Equal(["examples/no such.csv"], ReadmeCommands.MissingInputs(commands[1].Words, folder)); // train's --model is a name
        Assert.Equal(["out/rf.nadmodel"], ReadmeCommands.Outputs(commands[1].Words));
    }

    /// <summary>Sends a README curl line (-X, -H, -d @file) to the test's service instead of localhost:5000.</summary>
    private static async Task Curl(ReadmeCommands.Command command, KestrelService service, string folder)
    {
        var words = command.Words;
        var method = HttpMethod.Get;
        string? url = null, bodyFile = null;
        var headers = new List<(string, string)>();
        for (var i = 1; i < words.Length; i++)
        {
            switch (words[i])
            {
                case "-s": break;
                case "-X": method = new HttpMethod(words[++i]); break;
                case "-H":
                    var header = words[++i].Split(':', 2);
                    headers.Add((header[0].Trim(), header[1].Trim()));
                    break;
                case "-d" or "--data-binary":
                    Assert.StartsWith("@", words[i + 1]);
                    bodyFile = Path.Combine(folder, words[++i][1..]);
                    Assert.True(File.Exists(bodyFile), $"README.md line {command.Line} posts {words[i]}, which does not exist");
                    break;
                default:
                    Assert.Null(url);
                    url = words[i];
                    break;
            }
        }
        Assert.NotNull(url);
        var uri = new Uri(service.BaseAddress, new Uri("http://" + url.Replace("http://", "")).PathAndQuery);
        using var client = service.CreateClient();
        using var request = new HttpRequestMessage(method, uri);
        if (bodyFile is not null) request.Content = new ByteArrayContent(File.ReadAllBytes(bodyFile));
        foreach (var (name, value) in headers)
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            else request.Headers.Add(name, value);
        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"README.md line {command.Line}: {(int)response.StatusCode} {answer}");
        using var json = JsonDocument.Parse(answer);
        Assert.NotEqual(JsonValueKind.Undefined, json.RootElement.ValueKind);
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
