using System.Text.Json;
using Nad.Core.Detectors;
using Nad.Core.Features;

namespace Nad.Core.Ensembles;

/// <summary>One trained member of an ensemble: its catalog name and its model.</summary>
public sealed record EnsembleMember(string Model, IScoringModel Scorer)
{
    /// <summary>Writes the member's name, encoder and payload (shared by every ensemble kind).</summary>
    public void Write(BinaryWriter writer, Stream payload)
    {
        writer.Write(Model);
        writer.Write(JsonSerializer.Serialize(Scorer.Encoder, ModelJson.Options));
        using var bytes = new MemoryStream();
        Scorer.Save(bytes);
        writer.Write(bytes.Length);
        writer.Flush();
        bytes.WriteTo(payload);
    }

    /// <summary>Reads a member written by <see cref="Write"/>, loading its model through the catalog.</summary>
    public static EnsembleMember Read(BinaryReader reader, Stream payload, int index, IModelCatalog catalog)
    {
        var name = reader.ReadString();
        var encoder = JsonSerializer.Deserialize<FeatureEncoder>(reader.ReadString(), ModelJson.Options)
            ?? throw new InvalidDataException($"member {index + 1} has no encoder");
        var length = reader.ReadInt64();
        if (length < 0 || length > payload.Length) throw new InvalidDataException($"member {index + 1} has an implausible size {length}");
        var bytes = reader.ReadBytes((int)length);
        var model = catalog.Resolve(name);
        return new EnsembleMember(model, catalog.LoadModel(model, new MemoryStream(bytes, writable: false), encoder));
    }
}
