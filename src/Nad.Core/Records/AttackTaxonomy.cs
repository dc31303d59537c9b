namespace Nad.Core.Records;

/// <summary>Maps NSL-KDD attack names to families (the mapping in the data set's README).</summary>
public static class AttackTaxonomy
{
    public const string NormalName = "normal";

    private static readonly Dictionary<string, AttackFamily> Families = Build(
        (AttackFamily.DoS, "back land neptune pod smurf teardrop apache2 mailbomb processtable udpstorm"),
        (AttackFamily.Probe, "ipsweep nmap portsweep satan mscan saint"),
        (AttackFamily.R2L, "ftp_write guess_passwd imap multihop phf spy warezclient warezmaster named sendmail snmpgetattack snmpguess worm xlock xsnoop httptunnel"),
        (AttackFamily.U2R, "buffer_overflow loadmodule perl rootkit ps sqlattack xterm"));

    /// <summary>Every attack name with its family's name, for the <c>nsl-kdd</c> <see cref="RecordSchema"/>.</summary>
    public static IReadOnlyDictionary<string, string> FamilyNames { get; } =
        Families.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The attack families that are attacks, in report order.</summary>
    public static IReadOnlyList<AttackFamily> AttackFamilies { get; } =
        [AttackFamily.DoS, AttackFamily.Probe, AttackFamily.R2L, AttackFamily.U2R, AttackFamily.Unknown];

    /// <summary>
    /// The canonical form of a label: trimmed, lower case, without the trailing dot of KDD Cup 99
    /// (<c>smurf.</c> is <c>smurf</c>).
    /// </summary>
    public static string Normalize(ReadOnlySpan<char> label)
    {
        label = label.Trim();
        if (label.EndsWith('.')) label = label[..^1];
        return label.ToString().ToLowerInvariant();
    }

    /// <summary>The family of a normalized label: Normal for "normal", Unknown for unmapped attacks.</summary>
    public static AttackFamily FamilyOf(string normalizedName) =>
        normalizedName == NormalName ? AttackFamily.Normal : Families.GetValueOrDefault(normalizedName, AttackFamily.Unknown);

    private static Dictionary<string, AttackFamily> Build(params (AttackFamily Family, string Names)[] groups)
    {
        var map = new Dictionary<string, AttackFamily>(StringComparer.Ordinal);
        foreach (var (family, names) in groups)
            foreach (var name in names.Split(' '))
                map.Add(name, family);
        return map;
    }
}
