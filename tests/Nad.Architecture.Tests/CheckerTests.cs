namespace Nad.Architecture.Tests
{
    /// <summary>The checker itself: it must see uses that no <c>using</c> line shows, and report circles.</summary>
    public sealed class CheckerTests
    {
        private static IReadOnlyList<TypeDependency> OwnDependencies() =>
            TypeDependencies.Of(typeof(CheckerTests).Assembly.Location);

        [Fact]
        public void A_fully_qualified_use_inside_a_lambda_counts_for_the_outer_type()
        {
            var uses = OwnDependencies();
            Assert.Contains(uses, d => d.From == typeof(Samples.Upstairs.Kitchen).FullName && d.To == typeof(Samples.Downstairs.Cellar).FullName);
        }

        [Fact]
        public void A_use_only_in_a_local_variable_and_a_generic_argument_counts()
        {
            var uses = OwnDependencies();
            Assert.Contains(uses, d => d.From == typeof(Samples.Downstairs.Cellar).FullName && d.To == typeof(Samples.Upstairs.Kitchen).FullName);
        }

        [Fact]
        public void Two_namespaces_that_use_each_other_are_one_circle()
        {
            var graph = new NamespaceGraph(OwnDependencies());
            var cycle = Assert.Single(graph.Cycles());
            Assert.Equal(["Nad.Architecture.Tests.Samples.Downstairs", "Nad.Architecture.Tests.Samples.Upstairs"], cycle);
            Assert.Contains("Kitchen uses", graph.Describe(cycle));
        }

        [Fact]
        public void A_chain_is_no_circle_and_three_in_a_ring_are_one()
        {
            TypeDependency Use(string from, string to) => new($"{from}.T", from, $"{to}.T", to);
            Assert.Empty(new NamespaceGraph([Use("Nad.A", "Nad.B"), Use("Nad.B", "Nad.C")]).Cycles());
            var ring = new NamespaceGraph([Use("Nad.A", "Nad.B"), Use("Nad.B", "Nad.C"), Use("Nad.C", "Nad.A"), Use("Nad.C", "Nad.D")]);
            Assert.Equal(["Nad.A", "Nad.B", "Nad.C"], Assert.Single(ring.Cycles()));
        }

        [Fact]
        public void Floors_find_the_longest_room_and_refuse_sideways_arrows()
        {
            var floors = new Floors("Nad.X", ["Records"], ["Reading", "Features"], ["Detectors", "Detectors.Special"], [""]);
            Assert.Equal("Detectors", floors.RoomOf("Nad.X.Detectors.Trees"));
            Assert.Equal("Detectors.Special", floors.RoomOf("Nad.X.Detectors.Special.Deep"));
            Assert.Equal("", floors.RoomOf("Nad.X"));
            Assert.Null(floors.RoomOf("Nad.Xylophone"));
            Assert.Null(floors.RoomOf("Nad.X.Elsewhere"));
            Assert.Equal(floors.FloorOf("Reading"), floors.FloorOf("Features"));
            Assert.True(floors.FloorOf("Records") < floors.FloorOf("Detectors"));
        }
    }
}

// Two rooms that use each other, seen only in IL: a fully qualified name inside a lambda, a local variable's type.
namespace Nad.Architecture.Tests.Samples.Upstairs
{
    public sealed class Kitchen
    {
        public Func<int> Recipe() => () => new Nad.Architecture.Tests.Samples.Downstairs.Cellar().Bottles;
    }
}

namespace Nad.Architecture.Tests.Samples.Downstairs
{
    public sealed class Cellar
    {
        public int Bottles => 12;

        public int Visitors()
        {
            var guests = new List<Nad.Architecture.Tests.Samples.Upstairs.Kitchen>();
            return guests.Count;
        }
    }
}
