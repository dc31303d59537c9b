using Nad.Alerts;

namespace Nad.Service.Endpoints;

/// <summary>A suppression rule as the API lists it: whether it still applies and how many alerts it kept out of the store since the service started.</summary>
public sealed record SuppressionView(SuppressionRule Rule, bool Active, long Suppressed);
