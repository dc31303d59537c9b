namespace Nad.Core.Evaluation;

/// <summary>How many records of one group (an attack family or name) there were, and how many were flagged.</summary>
public sealed record GroupRecall(string Group, long Count, long Detected)
{
    /// <summary>Share flagged as attack: recall for attacks, false-positive rate for "normal".</summary>
    public double DetectionRate => Count == 0 ? 0 : (double)Detected / Count;
}
