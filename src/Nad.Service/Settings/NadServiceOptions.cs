using System.ComponentModel.DataAnnotations;
using Nad.Alerts.Export;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;

namespace Nad.Service.Settings;

/// <summary>
/// The service's settings, bound from the <c>Nad</c> configuration section (appsettings,
/// environment variables such as <c>Nad__AdminApiKey</c>, or <c>--Nad:DataDir</c> on the command line).
/// Defaults live here, not in a settings file, so <c>nad serve</c> works from any folder.
/// </summary>
public sealed class NadServiceOptions
{
    public const string Section = "Nad";

    /// <summary>Folder for model files (<c>models/*.nadmodel</c>) and the alert database (<c>alerts.db</c>).</summary>
    [Required]
    public string DataDir { get; set; } = "nad-data";

    /// <summary>
    /// Models the service starts with, by <see cref="DetectorCatalog"/> name: each is loaded from
    /// <c>models/NAME.nadmodel</c>, or trained on the bundled data when that file is missing.
    /// A name the catalog does not know is skipped with a warning (its kind of endpoint answers 503).
    /// Default: the hybrid (NAD's default normal/attack model) and the Isolation Forest.
    /// </summary>
    public string DefaultModels { get; set; } = $"{DetectorCatalog.DefaultModel(PredictionTarget.Attack)},{IsolationForestTrainer.ModelName}";

    /// <summary><see cref="DefaultModels"/> as a list (comma-separated in configuration: one string is easy to override).</summary>
    public IReadOnlyList<string> DefaultModelNames =>
        DefaultModels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The family model the service serves beside the default models, by <see cref="DetectorCatalog"/> name (one that
    /// can predict families): loaded from <c>models/NAME-family.nadmodel</c>, or trained for families on the bundled
    /// data when that file is missing. While the active supervised model is a normal/attack model of the same schema,
    /// this model names the family of each record it judges an attack (<see cref="FamilyClasses.Decided"/>), so alerts
    /// and API v2 answers carry a family. Empty: no family model (alerts of a normal/attack model are unclassified).
    /// Default: LightGBM, the catalog's family default.
    /// </summary>
    public string FamilyModel { get; set; } = DetectorCatalog.DefaultModel(PredictionTarget.Family);

    /// <summary>Suffix of the family model's name and file (<c>lightgbm-family.nadmodel</c>): apart from a normal/attack model of the same kind.</summary>
    public const string FamilyModelSuffix = "-family";

    /// <summary>
    /// Model files to serve, comma-separated paths (<c>nad serve --model</c>): each is loaded under its file name
    /// without extension and the first of each kind is active, before (and instead of) <see cref="DefaultModels"/>,
    /// which <c>--model</c> empties. A model of any schema: the API then takes records with its columns.
    /// </summary>
    public string ModelFiles { get; set; } = "";

    /// <summary><see cref="ModelFiles"/> as a list.</summary>
    public IReadOnlyList<string> ModelFileList =>
        ModelFiles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Key for admin calls (header <c>X-Api-Key</c>). Empty: admin calls are refused.</summary>
    public string AdminApiKey { get; set; } = "";

    /// <summary>Most records in one JSON request.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchRecords { get; set; } = 10_000;

    /// <summary>Largest JSON request body, in bytes (a 10,000-record batch is about 6 MB).</summary>
    [Range(1024, 1L << 30)]
    public long MaxJsonBodyBytes { get; set; } = 8L << 20;

    /// <summary>Largest CSV upload to <c>/api/v1/score-file</c>, in bytes.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Largest capture or conn.log upload to <c>/api/v1/score-capture</c>, in bytes (413 over it).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxCaptureBytes { get; set; } = 256L << 20;

    /// <summary>
    /// Folder where a capture upload is spooled while libpcap reads it (SharpPcap reads from a
    /// path). Empty: the system temp folder. File names are made by the server; each is deleted after its request.
    /// </summary>
    public string CaptureSpoolDir { get; set; } = "";

    /// <summary>Most problems listed in one 400 answer (a huge bad batch would otherwise answer megabytes).</summary>
    [Range(1, 100_000)]
    public int MaxErrorsListed { get; set; } = 200;

    public TrainingSettings Training { get; set; } = new();
    public RateLimitSettings RateLimit { get; set; } = new();
    public AlertSettings Alerts { get; set; } = new();

    /// <summary>The drift window (<see cref="DriftSettings"/>).</summary>
    public DriftSettings Drift { get; set; } = new();

    /// <summary>Where stored alerts go out: files, syslog, webhooks (<see cref="ExportSettings"/>, docs/alerts-out.md).</summary>
    public ExportSettings Export { get; set; } = new();

    public string ModelsDir => Path.Combine(DataDir, "models");
    public string AlertDatabase => Path.Combine(DataDir, "alerts.db");

    /// <summary>
    /// Where alerts are kept: a SQLite file path, or <c>postgres://user@host:port/database</c> to share one
    /// PostgreSQL store with scoring workers and other instances. Empty: <see cref="AlertDatabase"/>.
    /// </summary>
    public string AlertStore { get; set; } = "";

    public string AlertStoreLocation => AlertStore.Length > 0 ? AlertStore : AlertDatabase;

    /// <summary>How default models missing from the data folder are trained at start-up.</summary>
    public sealed class TrainingSettings
    {
        /// <summary>Train on only the first N rows of the bundled training file (0: all). For tests and quick trials.</summary>
        [Range(0, int.MaxValue)]
        public int MaxRows { get; set; }

        /// <summary>Model settings as name=value, like <c>nad train --param</c> (e.g. trees=20).</summary>
        public Dictionary<string, string> Parameters { get; set; } = [];

        public int Seed { get; set; } = 42;

        /// <summary>
        /// The false-positive budget of the default unsupervised model: it is trained on the
        /// bundled file's normal rows only (a clean baseline) and its threshold flags this share
        /// of held-out normal rows. 0 keeps the model's own threshold and trains on every row.
        /// Trained on all rows with its own 0.5 cut, the Isolation Forest flags almost nothing
        /// (docs/results.md).
        /// </summary>
        [Range(0, 0.5)]
        public double UnsupervisedFalsePositiveBudget { get; set; } = 0.05;
    }

    /// <summary>Per-client fixed-window limit on the <c>/api</c> routes; over it the answer is 429.</summary>
    public sealed class RateLimitSettings
    {
        public bool Enabled { get; set; } = true;

        [Range(1, int.MaxValue)]
        public int PermitsPerWindow { get; set; } = 100_000;

        [Range(1, 3600)]
        public int WindowSeconds { get; set; } = 1;
    }

    public sealed class AlertSettings
    {
        /// <summary>Alerts waiting to be written; when full, requests wait for room (never dropped).</summary>
        [Range(1, 10_000_000)]
        public int QueueCapacity { get; set; } = 100_000;

        /// <summary>Most alerts written in one transaction (group commit).</summary>
        [Range(1, 1_000_000)]
        public int MaxBatch { get; set; } = 2_000;

        /// <summary>When the writer wakes to fewer alerts than this (single-record requests), it waits
        /// <see cref="LingerMilliseconds"/> for more before committing: a transaction costs far more than a row.</summary>
        [Range(0, 1_000_000)]
        public int LingerBelow { get; set; } = 64;

        [Range(0, 1000)]
        public int LingerMilliseconds { get; set; } = 2;

        [Range(1, 10_000)]
        public int MaxPageSize { get; set; } = 500;
    }
}
