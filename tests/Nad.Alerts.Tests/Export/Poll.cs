namespace Nad.Alerts.Tests.Export;

/// <summary>Waits for a condition with a generous limit (the machine is shared): tests assert outcomes, never timings.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
