using Nad.Core.Records;

namespace Nad.Core.Exploration;

/// <summary>
/// The row indices of each class of a labelled dataset: "normal", "attack", and each attack
/// family present (the schema's family names), in report order. Unlabelled data has the single group "all".
/// </summary>
internal sealed class ClassGroups
{
    public const string All = "all";
    public const string Normal = "normal";
    public const string Attack = "attack";

    private ClassGroups(IReadOnlyList<(string Name, int[] Rows)> groups) => Groups = groups;

    public IReadOnlyList<(string Name, int[] Rows)> Groups { get; }

    public int[] Rows(string name) => Groups.First(g => g.Name == name).Rows;

    public bool Has(string name) => Groups.Any(g => g.Name == name && g.Rows.Length > 0);

    public static ClassGroups Of(ConnectionDataset data)
    {
        if (data.Labels is not { } labels)
            return new ClassGroups([(All, Enumerable.Range(0, data.Count).ToArray())]);
        var groups = new List<(string, int[])>
        {
            (Normal, Enumerable.Range(0, data.Count).Where(i => !labels[i].IsAttack).ToArray()),
            (Attack, Enumerable.Range(0, data.Count).Where(i => labels[i].IsAttack).ToArray()),
        };
        var families = labels.Where(l => l.IsAttack).Select(l => l.FamilyName).Distinct(StringComparer.Ordinal)
            .OrderBy(FamilyOrder).ThenBy(f => f, StringComparer.Ordinal);
        foreach (var family in families)
            groups.Add((family, Enumerable.Range(0, data.Count).Where(i => labels[i].IsAttack && labels[i].FamilyName == family).ToArray()));
        return new ClassGroups(groups);
    }

    /// <summary>NSL-KDD's families in their usual order (Normal, DoS, Probe, R2L, U2R, Unknown), any other schema's after them (then by name).</summary>
    public static int FamilyOrder(string family) => Enum.TryParse<AttackFamily>(family, out var f) ? (int)f : int.MaxValue;
}
