using Nad.Alerts;

namespace Nad.Service.Endpoints;

/// <summary>
/// A suppression rule as the API lists it: whether it still applies and how many alerts it kept out of the store: the
/// rule's count in the store (<c>rule.storedSuppressed</c>: every service's and worker's, flushed) plus this service's
/// not yet flushed.
/// </summary>
public sealed record SuppressionView(SuppressionRule Rule, bool Active, long Suppressed);
