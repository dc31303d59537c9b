using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors;

/// <summary>
/// A trainer whose name and parameters come from its <see cref="TrainerDeclaration"/>: the settings are
/// read (and refused) once, here, and <see cref="Parameters"/> echoes them. A model adds only what is
/// its own: whether it is supervised, its default threshold rule, and its fit.
/// </summary>
public abstract class DeclaredTrainer : IDetectorTrainer
{
    private readonly TrainerDeclaration _declaration;

    protected DeclaredTrainer(TrainerDeclaration declaration, TrainerSettings? settings)
    {
        _declaration = declaration;
        Values = declaration.Read(settings ?? TrainerSettings.Default);
    }

    /// <summary>The parameters, checked and with defaults filled in.</summary>
    protected ParameterValues Values { get; }

    protected TrainerSettings Settings => Values.Settings;

    public string Name => _declaration.Model;
    public abstract bool IsSupervised { get; }
    public abstract IThresholdRule DefaultThreshold { get; }

    /// <summary>The declared parameters, then <see cref="Extras"/>.</summary>
    public virtual IReadOnlyDictionary<string, string> Parameters => Values.Echo([.. Extras]);

    /// <summary>Settings the manifest shows besides the declared parameters: the seed unless a model says otherwise.</summary>
    protected virtual IEnumerable<(string Name, string Value)> Extras => [Values.Seed];

    public abstract FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
