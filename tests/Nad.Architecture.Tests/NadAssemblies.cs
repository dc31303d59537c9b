namespace Nad.Architecture.Tests;

/// <summary>The product's assemblies as built next to these tests (the project references them all).</summary>
public static class NadAssemblies
{
    public const string Core = "Nad.Core";
    public const string Traffic = "Nad.Traffic";
    public const string Reports = "Nad.Reports";
    public const string Alerts = "Nad.Alerts";
    public const string Streaming = "Nad.Streaming";
    public const string Service = "Nad.Service";
    public const string Cli = "nad"; // Nad.Cli's assembly is named after the command

    public static IReadOnlyList<string> All { get; } = [Core, Traffic, Reports, Alerts, Streaming, Service, Cli];

    public static string PathOf(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly}.dll is not next to the tests; is it still referenced by Nad.Architecture.Tests.csproj?", path);
    }

    private static readonly Dictionary<string, IReadOnlyList<TypeDependency>> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    public static IReadOnlyList<TypeDependency> Dependencies(string assembly)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(assembly, out var found)) Cache[assembly] = found = TypeDependencies.Of(PathOf(assembly));
            return found;
        }
    }
}
