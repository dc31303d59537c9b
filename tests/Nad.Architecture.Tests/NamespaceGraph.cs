namespace Nad.Architecture.Tests;

/// <summary>
/// Which namespace of one assembly uses which other of the same product (<c>Nad.*</c>), each arrow
/// with the type uses that make it, so a failing rule can name the line of code to look at.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, List<TypeDependency>>> _edges = new(StringComparer.Ordinal);

    public NamespaceGraph(IEnumerable<TypeDependency> dependencies, Func<string, string>? group = null)
    {
        group ??= ns => ns;
        foreach (var d in dependencies)
        {
            if (!d.ToNamespace.StartsWith("Nad.", StringComparison.Ordinal) && d.ToNamespace != "Nad") continue;
            var from = group(d.FromNamespace);
            var to = group(d.ToNamespace);
            Nodes.Add(from);
            Nodes.Add(to);
            if (from == to) continue;
            if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
            if (!targets.TryGetValue(to, out var uses)) targets[to] = uses = [];
            uses.Add(d);
        }
    }

    public SortedSet<string> Nodes { get; } = new(StringComparer.Ordinal);

    public IEnumerable<(string From, string To, IReadOnlyList<TypeDependency> Uses)> Edges =>
        _edges.SelectMany(e => e.Value.Select(t => (e.Key, t.Key, (IReadOnlyList<TypeDependency>)t.Value)));

    public IReadOnlyList<TypeDependency> Uses(string from, string to) =>
        _edges.TryGetValue(from, out var t) && t.TryGetValue(to, out var uses) ? uses : [];

    /// <summary>The strongly connected components with more than one namespace (Tarjan): each is a circle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges.TryGetValue(v, out var t) ? t.Keys.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add([.. component.Order(StringComparer.Ordinal)]);
        }

        foreach (var node in Nodes) if (!index.ContainsKey(node)) Visit(node);
        return result;
    }

    /// <summary>A readable account of one circle: every arrow inside it with up to three type uses that make it.</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        var members = cycle.ToHashSet(StringComparer.Ordinal);
        var lines = new List<string> { $"circle: {string.Join(" <-> ", cycle)}" };
        foreach (var (from, to, uses) in Edges.Where(e => members.Contains(e.From) && members.Contains(e.To)).OrderBy(e => e.From).ThenBy(e => e.To))
            lines.Add($"  {from} -> {to}: {string.Join("; ", uses.Take(3).Select(u => $"{u.From} uses {u.To}"))}{(uses.Count > 3 ? $" (+{uses.Count - 3} more)" : "")}");
        return string.Join(Environment.NewLine, lines);
    }
}
