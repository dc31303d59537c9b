using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>
/// Splits the attack names of a labelled data set into groups to leave out one at a time, so that
/// every attack type is once "never seen in training". Each family's names are spread over the
/// groups, so no round loses a whole family's knowledge at once.
/// </summary>
public static class AttackTypeGroups
{
    /// <summary>
    /// Per family (report order), names sorted then shuffled with <paramref name="seed"/>, dealt
    /// round-robin over <paramref name="count"/> groups, continuing where the previous family stopped.
    /// </summary>
    public static string[][] Split(IReadOnlyList<AttackLabel> labels, int count, int seed)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), "Leaving attack types out needs at least 2 groups.");
        var families = labels.Where(l => l.IsAttack)
            .GroupBy(l => l.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, g.First().Family))
            .ToArray();
        if (families.Length < count)
            throw new ArgumentException($"Leaving attack types out in {count} groups needs at least {count} distinct attack names; the data has {families.Length}.");

        var random = new Random(seed);
        var groups = Enumerable.Range(0, count).Select(_ => new List<string>()).ToArray();
        var next = 0;
        foreach (var family in families.GroupBy(f => f.Family).OrderBy(g => g.Key))
        {
            var names = family.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
            random.Shuffle(names);
            foreach (var name in names)
            {
                groups[next].Add(name);
                next = (next + 1) % count;
            }
        }
        return groups.Select(g => g.Order(StringComparer.Ordinal).ToArray()).ToArray();
    }
}
