namespace Nad.Core.Detectors;

/// <summary>What is wrong with the settings.</summary>
public enum TrainingSettingProblem
{
    /// <summary>Two settings that cannot go together.</summary>
    Conflict,

    /// <summary>The setting needs labelled rows and the data has none.</summary>
    NeedsLabels,

    /// <summary>The setting needs normal rows and the data has none.</summary>
    NeedsNormalRows,

    /// <summary>The model does not learn this target.</summary>
    UnsupportedTarget,
}
