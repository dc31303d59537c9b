using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// A fitted Isolation Forest behind <see cref="IScoringModel"/>: encodes each record into a
/// stack buffer and walks the forest, so scoring allocates only the result array.
/// </summary>
public sealed class IsolationForestModel(FeatureEncoder encoder, IsolationForest forest, Contamination contamination, double? threshold) : IScoringModel
{
    /// <summary>The original paper's cut: scores above 0.5 are anomalous (contamination "auto").</summary>
    public const double AutoThreshold = 0.5;

    public FeatureEncoder Encoder { get; } = encoder.Dimension == forest.Dimension
        ? encoder
        : throw new ArgumentException($"The encoder makes {encoder.Dimension} features but the forest expects {forest.Dimension}.");

    public IsolationForest Forest { get; } = forest;
    public Contamination Contamination { get; } = contamination;

    /// <summary>0.5 for "auto"; the training-score percentile for a contamination fraction.</summary>
    public double? ProposedThreshold { get; } = contamination.IsAuto ? AutoThreshold : threshold ?? throw new ArgumentException("A contamination fraction needs its threshold.");

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        if (records.Count == 1) return [ScoreOne(records[0])];
        return Forest.Score(Encoder.EncodeBatch(records).Values);
    }

    /// <summary>One record, allocation-free apart from nothing: the encoded row lives on the stack.</summary>
    public double ScoreOne(ConnectionRecord record)
    {
        Span<float> row = Encoder.Dimension <= 1024 ? stackalloc float[Encoder.Dimension] : new float[Encoder.Dimension];
        Encoder.Encode(record, row);
        return Forest.Score(row);
    }

    private const uint Magic = 0x4D464E44; // "DNFM"
    private const int FormatVersion = 1;

    public void Save(Stream payload)
    {
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Contamination.Fraction ?? double.NaN);
            writer.Write(ProposedThreshold ?? double.NaN);
        }
        Forest.Save(payload);
    }

    public static IsolationForestModel Load(Stream payload, FeatureEncoder encoder)
    {
        using var reader = new BinaryReader(payload, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("not an Isolation Forest model payload");
            var version = reader.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"Isolation Forest model payload version {version}; this NAD reads version {FormatVersion}");
            var fraction = reader.ReadDouble();
            var threshold = reader.ReadDouble();
            var forest = IsolationForest.Load(payload);
            return new IsolationForestModel(encoder, forest, new Contamination(double.IsNaN(fraction) ? null : fraction), threshold);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Isolation Forest model payload is truncated", e);
        }
    }
}
