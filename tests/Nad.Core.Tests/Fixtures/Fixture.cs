using System.Globalization;

namespace Nad.Core.Tests.Fixtures;

/// <summary>Reads the small CSV fixtures committed beside the scripts that generated them.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The numeric rows of a fixture CSV (lines starting with '#' are provenance; the first other line is the header).</summary>
    public static double[][] ReadNumbers(string name) => File.ReadLines(PathOf(name))
        .Where(line => !line.StartsWith('#') && line.Length > 0)
        .Skip(1)
        .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
        .ToArray();
}
