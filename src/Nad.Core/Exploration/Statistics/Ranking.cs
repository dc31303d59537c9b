namespace Nad.Core.Exploration.Statistics;

/// <summary>Average ranks (ties share the mean of their positions), as scipy's <c>rankdata</c>.</summary>
public static class Ranking
{
    /// <summary>1-based average ranks of <paramref name="values"/>, and the tie term sum(t^3 - t) over tie groups.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values, out double tieTerm)
    {
        var n = values.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        tieTerm = 0;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            var rank = (start + 1 + end) / 2.0; // mean of positions start+1 .. end
            for (var k = start; k < end; k++) ranks[order[k]] = rank;
            double t = end - start;
            tieTerm += t * t * t - t;
            start = end;
        }
        return ranks;
    }
}
