namespace Nad.Core.Detectors;

/// <summary>
/// What a trainer declares once: its model name, the targets it can learn and its parameters.
/// <see cref="Read"/> checks settings against it (target, unknown names listing the known ones,
/// each value) and gives the values with defaults filled in, which also make the manifest's echo.
/// </summary>
public sealed class TrainerDeclaration
{
    public TrainerDeclaration(string model, IReadOnlyList<PredictionTarget> targets, params ParameterDeclaration[] parameters)
    {
        Model = model;
        Targets = targets;
        Parameters = parameters;
    }

    public string Model { get; }
    public IReadOnlyList<PredictionTarget> Targets { get; }
    public IReadOnlyList<ParameterDeclaration> Parameters { get; }

    /// <summary>The settings' parameters checked and completed with defaults.</summary>
    public ParameterValues Read(TrainerSettings settings)
    {
        if (!Targets.Contains(settings.Target)) throw TrainingSettingException.UnsupportedTarget(Model, settings.Target, []);
        var unknown = settings.Parameters.Keys.Where(name => !Parameters.Any(p => p.Matches(name))).ToArray();
        if (unknown.Length > 0)
            throw new InvalidParameterException(Model, unknown[0], null, string.Join(", ", Parameters.Select(p => p.DisplayName)),
                $"Model '{Model}' has no parameter {string.Join(", ", unknown.Select(u => $"'{u}'"))}; it takes: {string.Join(", ", Parameters.Select(p => p.DisplayName))}.");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefixed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            if (parameter.Kind == ParameterKind.Prefix)
            {
                foreach (var (name, value) in settings.Parameters.Where(p => parameter.Matches(p.Key))) prefixed[name] = value;
                continue;
            }
            values[parameter.Name] = settings.Parameters.TryGetValue(parameter.Name, out var given)
                ? parameter.Normalize(Model, given)
                : parameter.DefaultsWhen.FirstOrDefault(d => values.GetValueOrDefault(d.Parameter) == d.Value).Default ?? parameter.Default;
        }
        return new ParameterValues(this, settings, values, prefixed);
    }
}
