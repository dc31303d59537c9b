namespace Nad.Service.Dashboard;

/// <summary>
/// The dashboard's static files (Dashboard/wwwroot), embedded in the assembly so they ship with
/// every build of the service and <c>nad serve</c> with no extra folder, CDN or network access.
/// </summary>
public static class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    // Read once: a few tens of kilobytes.
    private static readonly Dictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    public static IEnumerable<string> Names => Files.Keys;

    /// <summary>The file at <paramref name="name"/> ("app.js"), or null. Only names embedded at build time exist: no path reaches the disk.</summary>
    public static (byte[] Bytes, string ContentType)? Find(string name) => Files.TryGetValue(name, out var file) ? file : null;

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..].Replace('\\', '/');
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var type)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), type);
        }
        return files;
    }
}
