namespace Nad.Core.Reading;

/// <summary>
/// Thrown when input data cannot be used. Carries every located problem found (up to the
/// reader's limit) so that a front end can list them; the message already lists them.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(IReadOnlyList<DataError> errors, string? summary = null)
        : base(BuildMessage(errors, summary))
    {
        Errors = errors;
    }

    public DataFormatException(DataError error) : this([error]) { }

    public IReadOnlyList<DataError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<DataError> errors, string? summary)
    {
        if (errors.Count == 1 && summary is null) return errors[0].ToString();
        var lines = new List<string> { summary ?? $"{errors.Count} bad rows:" };
        lines.AddRange(errors.Select(e => "  " + e));
        return string.Join(Environment.NewLine, lines);
    }
}
