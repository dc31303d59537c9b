namespace Nad.Architecture.Tests;

/// <summary>The rules of docs/architecture.md, checked on the built assemblies' IL.</summary>
public sealed class LayeringTests
{
    /// <summary>Which NAD assemblies each may reference: front ends -> Reports / Traffic -> Core, never back.</summary>
    public static TheoryData<string, string[]> AllowedProjectReferences => new()
    {
        { NadAssemblies.Core, [] },
        { NadAssemblies.Traffic, [NadAssemblies.Core] },
        { NadAssemblies.Reports, [NadAssemblies.Core] },
        { NadAssemblies.Alerts, [NadAssemblies.Core] },
        { NadAssemblies.Streaming, [NadAssemblies.Core, NadAssemblies.Alerts] },
        { NadAssemblies.Service, [NadAssemblies.Core, NadAssemblies.Traffic, NadAssemblies.Alerts] },
        { NadAssemblies.Cli, [NadAssemblies.Core, NadAssemblies.Traffic, NadAssemblies.Reports, NadAssemblies.Alerts, NadAssemblies.Streaming, NadAssemblies.Service] },
    };

    [Theory]
    [MemberData(nameof(AllowedProjectReferences))]
    public void Assemblies_reference_only_the_projects_below_them(string assembly, string[] allowed)
    {
        var nad = TypeDependencies.AssemblyReferences(NadAssemblies.PathOf(assembly)).Where(NadAssemblies.All.Contains);
        Assert.Empty(nad.Except(allowed));
    }

    /// <summary>Libraries that belong to a front end (web, terminal, plots, packet capture) and so never to Core.</summary>
    public static TheoryData<string, string[]> ForbiddenLibraries => new()
    {
        { NadAssemblies.Core, ["Microsoft.AspNetCore", "Spectre.Console", "System.CommandLine", "ScottPlot", "SkiaSharp", "SharpPcap", "PacketDotNet", "Microsoft.Data.Sqlite", "Npgsql"] },
        { NadAssemblies.Traffic, ["Microsoft.AspNetCore", "Spectre.Console", "System.CommandLine", "ScottPlot"] },
        { NadAssemblies.Reports, ["Microsoft.AspNetCore", "Spectre.Console", "System.CommandLine"] },
        { NadAssemblies.Alerts, ["Microsoft.AspNetCore", "Spectre.Console", "System.CommandLine", "ScottPlot", "SharpPcap", "PacketDotNet"] },
        { NadAssemblies.Streaming, ["Microsoft.AspNetCore", "Spectre.Console", "System.CommandLine", "ScottPlot", "SharpPcap", "PacketDotNet"] },
        { NadAssemblies.Service, ["Spectre.Console", "System.CommandLine"] },
    };

    [Theory]
    [MemberData(nameof(ForbiddenLibraries))]
    public void Lower_assemblies_use_no_front_end_library(string assembly, string[] forbidden)
    {
        var used = TypeDependencies.AssemblyReferences(NadAssemblies.PathOf(assembly))
            .Where(r => forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal)));
        Assert.Empty(used);
    }

    public static TheoryData<string> Assemblies => [.. NadAssemblies.All];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_namespace_uses_itself_through_another(string assembly)
    {
        var graph = new NamespaceGraph(NadAssemblies.Dependencies(assembly));
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, string.Join(Environment.NewLine, cycles.Select(graph.Describe)));
    }

    public static TheoryData<string> FloorTables => ["Core", "Traffic", "Alerts", "Streaming", "Service", "Cli"];

    private static (string Assembly, Floors Floors) Table(string name) => name switch
    {
        "Core" => (NadAssemblies.Core, Floors.Core),
        "Traffic" => (NadAssemblies.Traffic, Floors.Traffic),
        "Alerts" => (NadAssemblies.Alerts, Floors.Alerts),
        "Streaming" => (NadAssemblies.Streaming, Floors.Streaming),
        "Service" => (NadAssemblies.Service, Floors.Service),
        "Cli" => (NadAssemblies.Cli, Floors.Cli),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(FloorTables))]
    public void Every_namespace_has_a_room_on_a_floor(string table)
    {
        var (assembly, floors) = Table(table);
        // Generated code (the OpenAPI source generator's interceptors) lives outside the product's namespaces.
        var namespaces = NadAssemblies.Dependencies(assembly).Select(d => d.FromNamespace).Distinct()
            .Where(ns => ns == floors.Root || ns.StartsWith(floors.Root + ".", StringComparison.Ordinal));
        var homeless = namespaces.Where(ns => floors.RoomOf(ns) is null).Order(StringComparer.Ordinal).ToArray();
        Assert.True(homeless.Length == 0, $"namespaces on no floor (add them to Floors.{table} and docs/architecture.md): {string.Join(", ", homeless)}");
    }

    [Theory]
    [MemberData(nameof(FloorTables))]
    public void Rooms_use_only_the_floors_below(string table)
    {
        var (assembly, floors) = Table(table);
        var wrong = NadAssemblies.Dependencies(assembly)
            .Select(d => (Use: d, From: floors.RoomOf(d.FromNamespace), To: floors.RoomOf(d.ToNamespace)))
            .Where(x => x.From is not null && x.To is not null && x.From != x.To && floors.FloorOf(x.To) >= floors.FloorOf(x.From))
            .GroupBy(x => (x.From, x.To))
            .Select(g => $"{g.Key.From} (floor {floors.FloorOf(g.Key.From!)}) -> {g.Key.To} (floor {floors.FloorOf(g.Key.To!)}): " +
                         string.Join("; ", g.Take(3).Select(x => $"{x.Use.From} uses {x.Use.To}")))
            .ToArray();
        Assert.True(wrong.Length == 0, "arrows that point sideways or up:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
    }

    /// <summary>The CLI hosts the service for <c>nad serve</c> and for nothing else: the record wire format lives in Core.</summary>
    [Fact]
    public void The_cli_uses_the_service_only_to_host_it()
    {
        var users = NadAssemblies.Dependencies(NadAssemblies.Cli)
            .Where(d => d.ToNamespace == "Nad.Service" || d.ToNamespace.StartsWith("Nad.Service.", StringComparison.Ordinal))
            .Select(d => d.From)
            .Where(from => from != "Nad.Cli.Commands.ServeCommand")
            .Distinct()
            .ToArray();
        Assert.True(users.Length == 0, $"CLI types that use the service beyond hosting it: {string.Join(", ", users)}");
    }
}
