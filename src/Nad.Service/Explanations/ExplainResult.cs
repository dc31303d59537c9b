namespace Nad.Service.Explanations;

/// <summary>The answer of POST /api/v1/explain: one explanation per active model (unsupervised left out when none is loaded).</summary>
public sealed record ExplainResult(ModelExplanation Supervised, ModelExplanation? Unsupervised);
