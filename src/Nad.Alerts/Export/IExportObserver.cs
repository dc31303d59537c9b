namespace Nad.Alerts.Export;

/// <summary>Hears what the export pipeline does (the service turns it into Prometheus metrics; Nad.Alerts knows no metrics library).</summary>
public interface IExportObserver
{
    void Counted(string sink, ExportOutcome outcome, int alerts);

    /// <summary>A delivery failed and will be retried, or was given up; <paramref name="error"/> says why.</summary>
    void Failed(string sink, string error, bool givingUp);
}
