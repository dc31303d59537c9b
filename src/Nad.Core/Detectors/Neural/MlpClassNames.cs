using System.Text;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// The trailer after a family network that is not NSL-KDD's: a marker, the class count and the class
/// names. A payload that ends with the network is a normal/attack network (two outputs) or an NSL-KDD
/// family network (five), as every file written before schemas had families.
/// </summary>
internal static class MlpClassNames
{
    private const string Marker = "NAD-MLP-CLASSES-1";

    public static void Write(Stream payload, FamilyClasses classes)
    {
        using var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true);
        writer.Write(Marker);
        writer.Write(classes.Count);
        foreach (var name in classes.Names) writer.Write(name);
    }

    /// <summary>The class names after the network, or null when the payload ends there.</summary>
    public static FamilyClasses? Read(Stream payload)
    {
        if (payload.CanSeek && payload.Position >= payload.Length) return null;
        using var reader = new BinaryReader(payload, Encoding.UTF8, leaveOpen: true);
        try
        {
            var marker = reader.ReadString();
            if (marker != Marker) throw new InvalidDataException($"unexpected bytes after the neural network (header '{marker}')");
            var count = reader.ReadInt32();
            if (count is < 2 or > 10_000) throw new InvalidDataException($"implausible family count {count}");
            var names = new string[count];
            for (var c = 0; c < count; c++) names[c] = reader.ReadString();
            return new FamilyClasses(names);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the neural network's family names are truncated", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"the neural network's family names are not valid: {e.Message}", e);
        }
    }
}
