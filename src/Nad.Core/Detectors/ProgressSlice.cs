namespace Nad.Core.Detectors;

/// <summary>Maps a sub-task's 0..1 progress into a slice of its parent's.</summary>
public sealed class ProgressSlice(IProgress<TrainingProgress>? parent, double from, double to, string? prefix = null) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) =>
        parent?.Report(new TrainingProgress(prefix is null ? value.Stage : $"{prefix}: {value.Stage}", from + (to - from) * Math.Clamp(value.Fraction, 0, 1)));
}
