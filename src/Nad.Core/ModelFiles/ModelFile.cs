using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Drift;
using Nad.Core.Explanations;
using Nad.Core.Features;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Core.IO;

namespace Nad.Core.ModelFiles;

/// <summary>
/// Saves and loads a <see cref="Detector"/> as one zip file: <c>manifest.json</c> (what, how,
/// threshold, metrics, sha256 of the payload), <c>encoder.json</c> and <c>model.bin</c>.
/// Optional <c>baseline.json</c>: the <see cref="NormalBaseline"/> for explanations (files from
/// before it simply lack it and still load). <c>schema.json</c>: the <see cref="RecordSchema"/> the model reads
/// (files without it are NSL-KDD). Optional <c>drift.json</c>: the <see cref="DriftBaseline"/> for drift checks
/// (likewise absent from older files). Writing is atomic: the file is written beside the target and renamed over it.
/// </summary>
public static class ModelFile
{
    private const string ManifestEntry = "manifest.json";
    private const string EncoderEntry = "encoder.json";
    private const string PayloadEntry = "model.bin";
    private const string BaselineEntry = "baseline.json";
    private const string SchemaEntry = "schema.json";
    private const string DriftEntry = "drift.json";

    /// <summary>The JSON options of every entry (<see cref="ModelJson.Options"/>).</summary>
    public static JsonSerializerOptions Json => ModelJson.Options;

    public static void Save(Detector detector, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        AtomicFile.Write(path, file => Write(detector, file));
    }

    public static void Write(Detector detector, Stream destination)
    {
        using var payload = new MemoryStream();
        detector.Model.Save(payload);
        var manifest = detector.Manifest with { PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(payload.ToArray())) };

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, ManifestEntry, s => JsonSerializer.Serialize(s, manifest, Json));
        WriteEntry(zip, EncoderEntry, s => JsonSerializer.Serialize(s, detector.Encoder, Json));
        WriteEntry(zip, PayloadEntry, s => payload.WriteTo(s), CompressionLevel.NoCompression);
        if (detector.Baseline is { } baseline)
            WriteEntry(zip, BaselineEntry, s => JsonSerializer.Serialize(s, baseline, Json));
        WriteEntry(zip, SchemaEntry, s => s.Write(System.Text.Encoding.UTF8.GetBytes(SchemaFile.ToJson(detector.Schema))));
        if (detector.Drift is { } drift)
            WriteEntry(zip, DriftEntry, s => JsonSerializer.Serialize(s, drift, Json));
    }

    /// <summary>Loads a model file, or throws <see cref="ModelFileException"/> saying what is wrong with it.</summary>
    public static Detector Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, "does not exist");
        try
        {
            using var file = File.OpenRead(path);
            return Read(file, path);
        }
        catch (ModelFileException) { throw; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot be read: {e.Message}", e);
        }
    }

    public static Detector Read(Stream source, string name)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(name, "is not a NAD model file (not a zip archive, or truncated)", e);
        }
        using (zip)
        {
            var manifest = ReadJson<ModelManifest>(zip, ManifestEntry, name);
            if (manifest.Format != ModelManifest.FormatName)
                throw new ModelFileException(name, $"is not a NAD model file (format '{manifest.Format}')");
            if (manifest.FormatVersion > ModelManifest.CurrentFormatVersion)
                throw new ModelFileException(name, $"was written by a newer NAD (format {manifest.FormatVersion}; this NAD reads up to {ModelManifest.CurrentFormatVersion})");
            var encoder = ReadJson<FeatureEncoder>(zip, EncoderEntry, name);
            var schema = ReadSchema(zip, name);
            var baseline = ReadBaseline(zip, name, schema);
            var drift = ReadDrift(zip, name, schema);
            var payload = ReadBytes(zip, PayloadEntry, name);
            var hash = Convert.ToHexStringLower(SHA256.HashData(payload));
            if (!string.Equals(hash, manifest.PayloadSha256, StringComparison.OrdinalIgnoreCase))
                throw new ModelFileException(name, "is corrupted: the model payload does not match its recorded sha256");
            var entry = DetectorCatalog.Find(manifest.Model)
                ?? throw new ModelFileException(name, $"holds a '{manifest.Model}' model, which this NAD does not know ({string.Join(", ", DetectorCatalog.Names)})");
            try
            {
                return new Detector(manifest, entry.LoadModel(new MemoryStream(payload, writable: false), encoder))
                {
                    Baseline = baseline,
                    Drift = drift,
                    Schema = schema,
                };
            }
            catch (Exception e) when (e is not ModelFileException)
            {
                throw new ModelFileException(name, $"has a '{manifest.Model}' model that cannot be loaded: {e.Message}", e);
            }
        }
    }

    private static RecordSchema ReadSchema(ZipArchive zip, string file)
    {
        if (zip.GetEntry(SchemaEntry) is null) return BuiltInSchemas.NslKdd;
        var text = System.Text.Encoding.UTF8.GetString(ReadBytes(zip, SchemaEntry, file));
        try
        {
            var schema = SchemaFile.Parse(text, $"{file} ({SchemaEntry})");
            return BuiltInSchemas.Find(schema.Name) ?? schema;
        }
        catch (DataFormatException e)
        {
            throw new ModelFileException(file, $"is corrupted ({SchemaEntry} is not valid: {e.Errors[0].Problem})", e);
        }
    }

    private static NormalBaseline? ReadBaseline(ZipArchive zip, string file, RecordSchema schema)
    {
        if (zip.GetEntry(BaselineEntry) is null) return null;
        var baseline = ReadJson<NormalBaseline>(zip, BaselineEntry, file) with { Schema = schema };
        try
        {
            baseline.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException(file, $"is corrupted ({BaselineEntry} is not valid: {e.Message})", e);
        }
        return baseline;
    }

    private static DriftBaseline? ReadDrift(ZipArchive zip, string file, RecordSchema schema)
    {
        if (zip.GetEntry(DriftEntry) is null) return null;
        var drift = ReadJson<DriftBaseline>(zip, DriftEntry, file) with { Schema = schema };
        try
        {
            drift.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException(file, $"is corrupted ({DriftEntry} is not valid: {e.Message})", e);
        }
        return drift;
    }

    private static void WriteEntry(ZipArchive zip, string name, Action<Stream> write, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        write(stream);
    }

    private static byte[] ReadBytes(ZipArchive zip, string entryName, string file)
    {
        var entry = zip.GetEntry(entryName) ?? throw new ModelFileException(file, $"is not a NAD model file (no {entryName})");
        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(file, $"is corrupted ({entryName} cannot be decompressed)", e);
        }
    }

    private static T ReadJson<T>(ZipArchive zip, string entryName, string file)
    {
        var bytes = ReadBytes(zip, entryName, file);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            throw new ModelFileException(file, $"is corrupted ({entryName} is not valid: {e.Message})", e);
        }
    }
}
