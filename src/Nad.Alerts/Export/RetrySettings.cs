using System.Globalization;

namespace Nad.Alerts.Export;

/// <summary>How a sink retries a failed delivery: at most <see cref="MaxAttempts"/> sends of a batch, waiting per <see cref="Backoff"/> between them.</summary>
public sealed class RetrySettings
{
    /// <summary>Sends of one batch before it is dropped (1: no retry).</summary>
    public int MaxAttempts { get; set; } = 8;

    public int InitialDelayMilliseconds { get; set; } = 250;

    /// <summary>The longest wait between attempts, also the most of a Retry-After that is honoured.</summary>
    public int MaxDelayMilliseconds { get; set; } = 30_000;

    internal IEnumerable<string> Problems(string at)
    {
        if (MaxAttempts is < 1 or > 1000) yield return Problem(at, "MaxAttempts", MaxAttempts, "between 1 and 1000");
        if (InitialDelayMilliseconds is < 0 or > 3_600_000) yield return Problem(at, "InitialDelayMilliseconds", InitialDelayMilliseconds, "between 0 and 3600000");
        if (MaxDelayMilliseconds < InitialDelayMilliseconds || MaxDelayMilliseconds > 3_600_000)
            yield return Problem(at, "MaxDelayMilliseconds", MaxDelayMilliseconds, "at least InitialDelayMilliseconds and at most 3600000");
    }

    internal static string Problem(string at, string setting, object? value, string must) =>
        string.Create(CultureInfo.InvariantCulture, $"{at}:{setting} is '{value}'; it must be {must}.");
}
