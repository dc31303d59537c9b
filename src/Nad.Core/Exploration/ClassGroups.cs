using Nad.Core.Records;

namespace Nad.Core.Exploration;

/// <summary>
/// The row indices of each class of a labelled dataset: "normal", "attack", and each attack
/// family present, in report order. Unlabelled data has the single group "all".
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
        foreach (var family in AttackTaxonomy.AttackFamilies)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => labels[i].Family == family).ToArray();
            if (rows.Length > 0) groups.Add((family.ToString(), rows));
        }
        return new ClassGroups(groups);
    }
}
