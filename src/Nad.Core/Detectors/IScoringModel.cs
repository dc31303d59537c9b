using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>
/// The learned part of a detector (ML.NET's "transformer"): records in, scores out, and a way
/// to save itself. It holds no threshold: a threshold rule chooses one, and the trained detector
/// (<c>Nad.Core.Training.Detector</c>) adds it with the model-file metadata.
/// </summary>
public interface IScoringModel
{
    /// <summary>The encoding this model was trained on; saved with it.</summary>
    FeatureEncoder Encoder { get; }

    /// <summary>One score per record, higher = more anomalous. Thread-safe.</summary>
    double[] Score(IReadOnlyList<ConnectionRecord> records);

    /// <summary>Writes the model's own state (not the encoder, not the metadata).</summary>
    void Save(Stream payload);
}
