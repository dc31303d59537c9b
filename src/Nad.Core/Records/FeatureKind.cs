namespace Nad.Core.Records;

/// <summary>What values a feature column holds; the reader validates against it.</summary>
public enum FeatureKind
{
    /// <summary>A symbol from a vocabulary (protocoltype, service, flag).</summary>
    Categorical,
    /// <summary>A whole number of events or seconds, zero or more.</summary>
    Count,
    /// <summary>A byte count, zero or more; spans many orders of magnitude.</summary>
    Bytes,
    /// <summary>0 or 1.</summary>
    Binary,
    /// <summary>A fraction from 0 to 1.</summary>
    Rate,
    /// <summary>Any finite number: a numeric column (or missing indicator) of a schema other than NSL-KDD (<see cref="RecordSchema.FeatureColumns"/>).</summary>
    Numeric,
}
