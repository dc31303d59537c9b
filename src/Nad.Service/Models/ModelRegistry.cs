using System.Collections.Concurrent;

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
    private volatile bool _started;

    public LoadedModel? Supervised => _supervised;
    public LoadedModel? Unsupervised => _unsupervised;

    /// <summary>True once start-up loading (and any training) is done.</summary>
    public bool Started => _started;

    public IReadOnlyList<LoadedModel> All => [.. _models.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];

    public void Add(LoadedModel model) => _models[model.Name] = model;

    public LoadedModel? Find(string name) => _models.GetValueOrDefault(name);

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
