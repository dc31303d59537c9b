using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>
/// What every trained model offers, supervised or not (after PyOD's BaseDetector:
/// decision_function / threshold_ / predict). The CLI, the service and the benchmarks use only this.
/// </summary>
public interface IDetector
{
    /// <summary>The model's name, as the catalog names it (e.g. "random-forest").</summary>
    string Name { get; }

    /// <summary>Scores at or above this are attacks (anomalies).</summary>
    double Threshold { get; }

    /// <summary>
    /// One score per record; higher means more anomalous. Supervised models give the attack
    /// probability. Safe to call from several threads at once.
    /// </summary>
    double[] Score(IReadOnlyList<ConnectionRecord> records);
}
