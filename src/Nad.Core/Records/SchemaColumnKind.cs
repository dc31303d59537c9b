namespace Nad.Core.Records;

/// <summary>Whether a schema column holds numbers or names (symbols from a vocabulary).</summary>
public enum SchemaColumnKind
{
    Numeric,
    Categorical,
}
