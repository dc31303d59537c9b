using Nad.Alerts;

namespace Nad.Service.Endpoints;

/// <summary>
/// A suppression rule as the API lists it: whether it still applies and how many alerts it kept out of the store: those
/// this service kept out since it started plus those the streaming workers counted in the store (<c>rule.workerSuppressed</c>).
/// </summary>
public sealed record SuppressionView(SuppressionRule Rule, bool Active, long Suppressed);
