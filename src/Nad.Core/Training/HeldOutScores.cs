namespace Nad.Core.Training;

/// <summary>
/// Scores of held-out training rows by a model fitted without them: the rows (indices into the
/// training data), their truth, their scores, and the threshold the metrics were measured at.
/// </summary>
public sealed record HeldOutScores(int[] Rows, bool[] Truth, double[] Scores, double Threshold);
