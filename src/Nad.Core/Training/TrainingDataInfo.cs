namespace Nad.Core.Training;

/// <summary>The data a model was trained on, so that results can be traced back to it.</summary>
public sealed record TrainingDataInfo(string Name, string Sha256, long Rows);
