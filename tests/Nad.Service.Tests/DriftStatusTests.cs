using Microsoft.Extensions.Logging;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Service.Drift;
using Nad.Service.Models;

namespace Nad.Service.Tests;

/// <summary>The drift log: one line per change of a model's level, however often the windows are looked at.</summary>
[Collection(ServiceCollection.Name)]
public sealed class DriftStatusTests(TrainedModel model)
{
    private sealed class ListLogger : ILogger<DriftStatus>
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }

    [Fact]
    public void A_change_of_level_is_logged_once_and_a_warning_when_it_becomes_significant()
    {
        var loaded = new LoadedModel("random-forest", ModelFile.Load(model.Path), driftWindow: 1000, driftMinimumSample: 500);
        var registry = new ModelRegistry();
        registry.Add(loaded);
        registry.Activate(loaded.Name);
        var logger = new ListLogger();
        var status = new DriftStatus(registry, logger);
        var normal = NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).Skip(4000)
            .Where(r => !r.Label!.Value.IsAttack).Take(1000).Select(r => r.Record).ToArray();
        var shifted = normal.Select(r =>
        {
            var numeric = (double[])r.Numeric.Clone();
            numeric[NslKddSchema.Get("srcbytes").ValueIndex] *= 50;
            return new ConnectionRecord(r.ProtocolType, r.Service, r.Flag, numeric);
        }).ToArray();

        loaded.Drift!.Observe(normal, loaded.Detector.Score(normal));
        status.Refresh();
        Assert.Empty(logger.Lines); // still "none": nothing to say

        loaded.Drift.Observe(shifted, loaded.Detector.Score(shifted));
        status.Refresh();
        status.Refresh();
        var warning = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("random-forest", warning.Message);
        Assert.Contains("srcbytes", warning.Message);

        loaded.Drift.Observe(normal, loaded.Detector.Score(normal));
        status.Refresh();
        Assert.Equal(2, logger.Lines.Count);
        Assert.Equal(LogLevel.Information, logger.Lines[1].Level);
        Assert.Contains("is now none (was significant)", logger.Lines[1].Message);
    }
}
