namespace Nad.Core.Exploration.Statistics;

/// <summary>
/// Benjamini-Hochberg false-discovery-rate adjustment: the adjusted p-value of the k-th smallest
/// of m is min over j &gt;= k of p_(j) m / j, capped at 1. Reject where adjusted &lt; alpha.
/// </summary>
public static class BenjaminiHochberg
{
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var k = m - 1; k >= 0; k--)
        {
            running = Math.Min(running, pValues[order[k]] * m / (k + 1));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
