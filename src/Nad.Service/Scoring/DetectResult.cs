namespace Nad.Service.Scoring;

/// <summary>Both verdicts and the combined one: "attack" when either model flags the record.</summary>
public sealed record DetectResult(string Verdict, string[] FlaggedBy, SupervisedResult Supervised, UnsupervisedResult? Unsupervised);
