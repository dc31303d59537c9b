using System.ComponentModel.DataAnnotations;

namespace Nad.Service.Dashboard;

/// <summary>Dashboard settings, section <c>Nad:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Nad:Dashboard";

    /// <summary>
    /// Rows of KDDTest+ each model is measured on for the Models page (0: all 22,544). The first
    /// request for a model computes it (seconds on the full file), later ones read the cache.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int EvaluationRows { get; set; }

    /// <summary>Rows the permutation importance is measured on (a sample of the evaluation rows).</summary>
    [Range(100, 100_000)]
    public int ImportanceRows { get; set; } = 2000;

    /// <summary>How often the records-scored counter is sampled into the activity timeline.</summary>
    [Range(1, 3600)]
    public int SampleSeconds { get; set; } = 10;
}
