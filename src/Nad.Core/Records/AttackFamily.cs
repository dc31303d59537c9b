namespace Nad.Core.Records;

/// <summary>The usual four-way grouping of NSL-KDD attacks, plus normal and unknown.</summary>
public enum AttackFamily
{
    Normal,
    DoS,
    Probe,
    R2L,
    U2R,
    /// <summary>An attack name that is not in <see cref="AttackTaxonomy"/>: counted and reported, never a crash.</summary>
    Unknown,
}
