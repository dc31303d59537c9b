namespace Nad.Service.Scoring;

/// <summary>API v2's answer of /detect on one record: attack when either model flags it, which did, and each model's <see cref="ModelVerdict"/>.</summary>
public sealed record DetectVerdict(bool Attack, string[] FlaggedBy, ModelVerdict Supervised, ModelVerdict? Unsupervised);
