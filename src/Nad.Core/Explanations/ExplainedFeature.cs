using Nad.Core.Records;

namespace Nad.Core.Explanations;

/// <summary>
/// What the explainer sets to baseline in one step: one column, or a group of columns that
/// measure the same event in different traffic windows. Grouped: the four SYN-error rates and
/// the four REJ-error rates. A tree model splits on whichever copy it happened to pick, so
/// changing one of four redundant rates barely moves the score (a SYN flood's serrorrate alone
/// contributed under 0.01 while the four together decide it). Everything else stays one column:
/// each means something different, and "flag = S0" reads better alone than inside a trio.
/// </summary>
public sealed record ExplainedFeature(string Name, string Description, IReadOnlyList<FeatureColumn> Columns)
{
    private static readonly string[] SynErrorRates = ["serrorrate", "srvserrorrate", "dsthostserrorrate", "dsthostsrvserrorrate"];
    private static readonly string[] RejErrorRates = ["rerrorrate", "srvrerrorrate", "dsthostrerrorrate", "dsthostsrvrerrorrate"];

    /// <summary>The 35 features explanations of NSL-KDD records use: 33 single columns and the two error-rate groups, in schema order of their first column.</summary>
    public static IReadOnlyList<ExplainedFeature> All { get; } = Build();

    /// <summary>
    /// The features of <paramref name="schema"/>'s records: <see cref="All"/> for NSL-KDD; for another schema
    /// each column under its own name, a column with a missing indicator together with it (setting a missing
    /// <c>Flow Bytes/s</c> to typical clears its indicator too).
    /// </summary>
    public static IReadOnlyList<ExplainedFeature> For(RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.IsNslKdd) return All;
        var byName = schema.FeatureColumns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return [.. schema.Columns.Select(column => new ExplainedFeature(column.Name, column.Description,
            column.HasIndicator ? [byName[column.Name], byName[column.IndicatorName]] : [byName[column.Name]]))];
    }

    private static ExplainedFeature[] Build()
    {
        var grouped = SynErrorRates.Concat(RejErrorRates).ToHashSet(StringComparer.Ordinal);
        var features = new List<ExplainedFeature>();
        foreach (var column in NslKddSchema.Columns)
        {
            if (!grouped.Contains(column.Name)) features.Add(new ExplainedFeature(column.Name, column.Description, [column]));
            else if (column.Name == SynErrorRates[0])
                features.Add(new ExplainedFeature("SYN error rates", "Shares of connections with SYN errors, same host and same service, 2 s and host windows.",
                    [.. SynErrorRates.Select(NslKddSchema.Get)]));
            else if (column.Name == RejErrorRates[0])
                features.Add(new ExplainedFeature("REJ error rates", "Shares of connections with REJ errors, same host and same service, 2 s and host windows.",
                    [.. RejErrorRates.Select(NslKddSchema.Get)]));
        }
        return [.. features];
    }
}
