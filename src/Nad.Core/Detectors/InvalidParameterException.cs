namespace Nad.Core.Detectors;

/// <summary>
/// A model parameter that is unknown to the model or has a value it cannot take. Carries what was
/// wrong (<see cref="Parameter"/> as the user wrote it, <see cref="Value"/>, <see cref="Expected"/>)
/// so a front end can word it; the message is already plain.
/// </summary>
public sealed class InvalidParameterException : ArgumentException
{
    public InvalidParameterException(string model, string parameter, string? value, string expected, string? message = null, Exception? inner = null)
        : base(message ?? (value is null
            ? $"Model '{model}' has no parameter '{parameter}'; it takes: {expected}."
            : $"Parameter '{parameter}' is '{value}'; expected {expected}."), inner)
    {
        Model = model;
        Parameter = parameter;
        Value = value;
        Expected = expected;
    }

    /// <summary>The model whose parameter it is.</summary>
    public string Model { get; }

    /// <summary>The parameter's name as the user wrote it (a hybrid member's with its prefix).</summary>
    public string Parameter { get; }

    /// <summary>The value given; null when the name itself is unknown.</summary>
    public string? Value { get; }

    /// <summary>What would have been accepted: the range or choices, or for an unknown name the names the model takes.</summary>
    public string Expected { get; }
}
