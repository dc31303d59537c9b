using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Ensembles;

/// <summary>
/// Soft voting: the score is the mean of the members' attack probabilities (bagging and
/// voting differ only in how the members were trained). Each member keeps its own encoder,
/// since a bootstrap sample may have seen fewer services than the whole file; the payload
/// stores every member's name, encoder and payload, and members load through the catalog.
/// </summary>
public sealed class EnsembleModel : IScoringModel
{
    private const string Magic = "NAD-ENSEMBLE-1";

    public EnsembleModel(IReadOnlyList<EnsembleMember> members, FeatureEncoder encoder)
    {
        if (members.Count == 0) throw new ArgumentException("An ensemble needs at least one member.");
        Members = members;
        Encoder = encoder;
    }

    public IReadOnlyList<EnsembleMember> Members { get; }

    /// <summary>The encoding of the whole training file (for reports on unseen categories); members encode for themselves.</summary>
    public FeatureEncoder Encoder { get; }

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        var sum = new double[records.Count];
        foreach (var member in Members)
        {
            var scores = member.Scorer.Score(records);
            for (var i = 0; i < sum.Length; i++) sum[i] += scores[i];
        }
        for (var i = 0; i < sum.Length; i++) sum[i] /= Members.Count;
        return sum;
    }

    public void Save(Stream payload)
    {
        using var writer = new System.IO.BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Members.Count);
        foreach (var member in Members) member.Write(writer, payload);
    }

    public static EnsembleModel Load(Stream payload, FeatureEncoder encoder, IModelCatalog catalog)
    {
        using var reader = new System.IO.BinaryReader(payload, System.Text.Encoding.UTF8, leaveOpen: true);
        var magic = reader.ReadString();
        if (magic != Magic) throw new InvalidDataException($"not a NAD ensemble (header '{magic}')");
        var count = reader.ReadInt32();
        if (count is < 1 or > 10_000) throw new InvalidDataException($"implausible member count {count}");
        var members = new List<EnsembleMember>(count);
        for (var m = 0; m < count; m++) members.Add(EnsembleMember.Read(reader, payload, m, catalog));
        return new EnsembleModel(members, encoder);
    }
}
