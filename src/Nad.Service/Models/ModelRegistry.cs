using System.Collections.Concurrent;
using Nad.Core.Detectors;

namespace Nad.Service.Models;

/// <summary>
/// The models in memory and which one is active for each kind. Switching swaps one reference:
/// a request reads the active model once and keeps it to the end, so a switch drops nothing.
/// </summary>
public sealed class ModelRegistry
{
    private readonly ConcurrentDictionary<string, LoadedModel> _models = new(StringComparer.OrdinalIgnoreCase);
    private volatile LoadedModel? _supervised;
    private volatile LoadedModel? _unsupervised;
    private volatile LoadedModel? _family;
    private volatile bool _started;

    public LoadedModel? Supervised => _supervised;
    public LoadedModel? Unsupervised => _unsupervised;

    /// <summary>The service's family model (<c>Nad:FamilyModel</c>), or null: it names the families of a normal/attack model's attacks.</summary>
    public LoadedModel? Family => _family;

    /// <summary>
    /// Where the families of <paramref name="supervised"/>'s attacks come from: the model itself when it is a family
    /// model, else the service's family model when it reads the same schema (same columns), else none.
    /// </summary>
    public IFamilyClassifier? FamilyClassifierFor(LoadedModel supervised) =>
        supervised.Detector.FamilyClassifier
        ?? (_family is { } family && SameSchema(family, supervised) ? family.Detector.FamilyClassifier : null);

    /// <summary>The active unsupervised model when it reads <paramref name="supervised"/>'s schema (a request holds one kind of record), else null.</summary>
    public LoadedModel? UnsupervisedFor(LoadedModel supervised) =>
        _unsupervised is { } unsupervised && SameSchema(unsupervised, supervised) ? unsupervised : null;

    /// <summary>The model whose schema the service's records follow: the active supervised model, else the unsupervised one; null before any is loaded.</summary>
    public LoadedModel? Served => _supervised ?? _unsupervised;

    /// <summary>Makes <paramref name="model"/> the service's family model (null: none).</summary>
    public void SetFamily(LoadedModel? model)
    {
        if (model is not null && model.Detector.FamilyClassifier is null)
            throw new ArgumentException($"Model '{model.Name}' does not predict families.", nameof(model));
        _family = model;
    }

    /// <summary>Whether two models read the same records (schema name and columns): only then can one request go to both.</summary>
    public static bool SameSchema(LoadedModel a, LoadedModel b) => a.Detector.Schema.HasSameLayout(b.Detector.Schema);

    /// <summary>True once start-up loading (and any training) is done.</summary>
    public bool Started => _started;

    public IReadOnlyList<LoadedModel> All => [.. _models.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];

    public void Add(LoadedModel model) => _models[model.Name] = model;

    public LoadedModel? Find(string name) => _models.GetValueOrDefault(name);

    /// <summary>Unloads <paramref name="name"/> unless it is active or the family model; false when it is, or is not loaded.</summary>
    public bool Remove(string name) =>
        _models.TryGetValue(name, out var model) && !IsActive(model) && !ReferenceEquals(model, _family) && _models.TryRemove(name, out _);

    /// <summary>Makes <paramref name="name"/> the active model of its kind; null when no such model is loaded.</summary>
    public LoadedModel? Activate(string name)
    {
        if (!_models.TryGetValue(name, out var model)) return null;
        if (model.IsSupervised) _supervised = model;
        else _unsupervised = model;
        return model;
    }

    public bool IsActive(LoadedModel model) => ReferenceEquals(model, _supervised) || ReferenceEquals(model, _unsupervised);

    public void MarkStarted() => _started = true;
}
