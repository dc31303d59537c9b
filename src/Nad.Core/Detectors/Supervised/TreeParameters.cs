using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Supervised;

/// <summary>The parameters tree models share, declared once with their ranges and words; each model gives its default.</summary>
public static class TreeParameters
{
    public static ParameterDeclaration Trees(int @default) => Int("trees", @default, 1, 10_000, "trees in the ensemble");
    public static ParameterDeclaration Leaves(int @default) => Int("leaves", @default, 2, 65_536, "leaves per tree at most");
    public static ParameterDeclaration MinLeaf(int @default) => Int("min-leaf", @default, 1, 100_000, "training rows per leaf at least");
    public static ParameterDeclaration LearningRate(double @default) => Real("learning-rate", @default, 1e-6, 1, "shrinkage of each boosting step");
}
