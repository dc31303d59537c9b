using Microsoft.Extensions.Options;
using Nad.Service.Settings;

namespace Nad.Service.Drift;

/// <summary>Looks at the drift windows every <see cref="DriftSettings.CheckSeconds"/>, so a change of level is logged even when nobody asks.</summary>
public sealed class DriftWatcher(DriftStatus status, IOptions<NadServiceOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Drift.CheckSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) status.Refresh();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
