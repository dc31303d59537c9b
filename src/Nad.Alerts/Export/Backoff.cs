namespace Nad.Alerts.Export;

/// <summary>
/// Exponential backoff with jitter: attempt n waits a random time between half and all of
/// <c>min(Max, Initial * 2^(n-1))</c>, so many senders that failed together do not retry together.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    public TimeSpan Initial { get; } = initial;
    public TimeSpan Max { get; } = max;

    public static Backoff From(RetrySettings settings) =>
        new(TimeSpan.FromMilliseconds(settings.InitialDelayMilliseconds), TimeSpan.FromMilliseconds(settings.MaxDelayMilliseconds));

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 = the first).</summary>
    public TimeSpan Delay(int attempt)
    {
        var full = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(full * (0.5 + Random.Shared.NextDouble() / 2));
    }

    /// <summary>What the server asked for (Retry-After), never longer than <see cref="Max"/>; the backoff when it asked for nothing.</summary>
    public TimeSpan Delay(int attempt, TimeSpan? requested) =>
        requested is { } asked ? TimeSpan.FromMilliseconds(Math.Clamp(asked.TotalMilliseconds, 0, Max.TotalMilliseconds)) : Delay(attempt);
}
