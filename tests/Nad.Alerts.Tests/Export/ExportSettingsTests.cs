using Nad.Alerts.Export;

namespace Nad.Alerts.Tests.Export;

public sealed class ExportSettingsTests
{
    [Fact]
    public void Each_bad_setting_is_named_by_its_configuration_path()
    {
        var settings = new ExportSettings
        {
            QueueCapacity = 0,
            Syslog = [new SyslogSinkSettings { Transport = "tls", Port = 70000 }],
            Webhooks = [new WebhookSinkSettings { Url = "ftp://siem/hook", Retry = new RetrySettings { MaxAttempts = 0 } }],
            Files = [new FileSinkSettings { Path = "" }],
        };
        var problems = settings.Problems();
        Assert.Contains("Nad:Export:QueueCapacity is '0'; it must be between 1 and 10000000.", problems);
        Assert.Contains(problems, p => p.StartsWith("Nad:Export:Syslog:0:Transport is 'tls'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Nad:Export:Syslog:0:Port is '70000'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Nad:Export:Webhooks:0:Url is 'ftp://siem/hook'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Nad:Export:Webhooks:0:Retry:MaxAttempts is '0'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Nad:Export:Files:0:Path is ''", StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(settings.Check);
        Assert.Contains("Nad:Export:Webhooks:0:Url", error.Message);
    }

    [Fact]
    public void Two_sinks_with_one_name_are_refused_and_good_settings_pass()
    {
        var twice = new ExportSettings { Webhooks = [new() { Url = "http://siem:8080/a" }, new() { Url = "http://siem:8080/b" }] };
        Assert.Contains(twice.Problems(), p => p.Contains("'webhook:siem:8080' twice", StringComparison.Ordinal));
        twice.Webhooks[1].Name = "second";
        Assert.Empty(twice.Problems());
    }
}
