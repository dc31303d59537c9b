namespace Nad.Core.Detectors;

/// <summary>What a trainer parameter's value is.</summary>
public enum ParameterKind
{
    /// <summary>A whole number in a range.</summary>
    Integer,

    /// <summary>A number in a range (possibly also a keyword such as "auto").</summary>
    Real,

    /// <summary>One of a few words.</summary>
    Choice,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Free text the trainer checks itself (a list of layer widths, model names).</summary>
    Text,

    /// <summary>A family of names with a prefix handed to a member model ("supervised.NAME").</summary>
    Prefix,
}
