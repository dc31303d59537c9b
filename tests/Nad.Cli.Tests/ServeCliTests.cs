using System.Text.RegularExpressions;

namespace Nad.Cli.Tests;

/// <summary>Sets a process-wide environment variable and captures the console (where the host logs), so no other CLI test runs beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServeEnvironmentCollection
{
    public const string Name = "serve environment";
}

/// <summary><c>nad serve</c> with settings a default model refuses: the operator sees the message and exit 2, not the host's stack trace.</summary>
[Collection(ServeEnvironmentCollection.Name)]
public class ServeCliTests
{
    [Fact]
    public void Serve_with_a_model_file_that_does_not_exist_exits_2_naming_it_before_anything_starts()
    {
        var missing = Path.Combine(Path.GetTempPath(), "nad-no-such-" + Guid.NewGuid().ToString("N") + ".nadmodel");
        var result = CliRunner.Run("serve", "--urls", "http://127.0.0.1:0", "--model", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--model {missing} does not exist", Regex.Replace(result.StdErr, @"\s+", " "));
    }

    [Fact]
    public void Serve_with_a_model_file_that_is_not_a_model_exits_2_naming_it_without_a_stack_trace()
    {
        var text = Path.Combine(Path.GetTempPath(), "nad-not-a-model-" + Guid.NewGuid().ToString("N") + ".nadmodel");
        File.WriteAllText(text, "duration,protocoltype\n0,tcp\n");
        try
        {
            var result = CliRunner.Run("serve", "--urls", "http://127.0.0.1:0", "--model", text);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"{text} is not a NAD model file", result.StdErr);
            Assert.DoesNotContain("   at ", result.StdErr);
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Fact]
    public void Serve_with_a_training_parameter_the_default_hybrid_refuses_exits_2_naming_the_setting_without_a_stack_trace()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "nad-serve-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("Nad__Training__Parameters__trees", "10"); // as an operator configures it
        var (consoleOut, consoleError) = (Console.Out, Console.Error);
        var log = new StringWriter(); // the host's console logger writes here, not to the CLI's terminal
        Console.SetOut(log);
        Console.SetError(log);
        try
        {
            var result = CliRunner.Run("serve", "--urls", "http://127.0.0.1:0", "--data-dir", dataDir);
            var stderr = Regex.Replace(result.StdErr, @"\s+", " ");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("Nad:Training:Parameters do not fit default model 'hybrid'", stderr);
            Assert.Contains("'trees'", stderr);
            Assert.DoesNotContain(" at Nad.", stderr);
            Assert.DoesNotContain(" at Nad.", log.ToString()); // a host that fails to start logs the stack trace
            Assert.False(File.Exists(Path.Combine(dataDir, "models", "hybrid.nadmodel"))); // refused before any training
        }
        finally
        {
            Console.SetOut(consoleOut);
            Console.SetError(consoleError);
            Environment.SetEnvironmentVariable("Nad__Training__Parameters__trees", null);
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void Serve_with_an_alert_store_that_does_not_answer_exits_69_naming_it_before_anything_starts()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "nad-serve-" + Guid.NewGuid().ToString("N"));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a free port: nothing answers there
        try
        {
            var result = CliRunner.Run("serve", "--urls", "http://127.0.0.1:0", "--data-dir", dataDir, "--alerts", $"postgres://nad:secret@127.0.0.1:{port}/alerts");
            var stderr = Regex.Replace(result.StdErr, @"\s+", " ");
            Assert.Equal(69, result.ExitCode);
            Assert.Contains($"The alert store postgres://nad@127.0.0.1:{port}/alerts cannot be opened", stderr);
            Assert.DoesNotContain("secret", stderr);
            Assert.DoesNotContain(" at Nad.", stderr);
            Assert.False(Directory.Exists(Path.Combine(dataDir, "models"))); // refused before any model is trained
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }
}

/// <summary><c>nad publish</c> refusing what it cannot do, with the exit codes of docs/cli.md.</summary>
public class PublishCliTests
{
    private static string Records => Path.Combine(Nad.Core.Reading.BundledData.Folder(), Nad.Core.Reading.BundledData.Test21File);

    [Fact]
    public void Publish_to_a_port_where_no_nats_server_answers_exits_69_naming_the_url()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var result = CliRunner.Run("publish", "--nats", $"nats://127.0.0.1:{port}", "--subject", "nad.records.s1", "--data", Records);
        Assert.Equal(69, result.ExitCode);
        Assert.Contains($"No NATS server answers at nats://127.0.0.1:{port}", Regex.Replace(result.StdErr, @"\s+", " "));
    }

    [Theory]
    [InlineData("records.s1", "--subject must be nad.records.<sensor>")]
    [InlineData("nad.records.a.b", "--subject must be nad.records.<sensor>")]
    public void Publish_to_a_subject_that_is_not_one_sensors_exits_2(string subject, string expected)
    {
        var result = CliRunner.Run("publish", "--nats", "nats://127.0.0.1:1", "--subject", subject, "--data", Records);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Regex.Replace(result.StdErr, @"\s+", " "));
    }
}
