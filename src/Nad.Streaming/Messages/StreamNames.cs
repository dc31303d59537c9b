namespace Nad.Streaming.Messages;

/// <summary>Subjects, stream and header names shared by publishers and workers.</summary>
public static class StreamNames
{
    /// <summary>Records of sensor X are published on <c>nad.records.X</c>; one stream holds them all.</summary>
    public const string RecordSubjectPrefix = "nad.records.";

    public const string DefaultStream = "NAD_RECORDS";
    public const string DefaultConsumer = "nad-workers";

    /// <summary>Where a worker puts a message it cannot score, with the reason in <see cref="ReasonHeader"/>.</summary>
    public static string DeadLetterSubject(string stream) => $"nad.deadletter.{stream}";

    /// <summary>The stream that keeps dead letters (so they can be read and replayed later).</summary>
    public static string DeadLetterStream(string stream) => $"{stream}_DEADLETTER";

    public const string SourceHeader = "Nad-Source";
    public const string KeyHeader = "Nad-Key";
    public const string FirstHeader = "Nad-First";
    public const string ReasonHeader = "Nad-Reason";
    public const string OriginalSubjectHeader = "Nad-Subject";
    public const string OriginalSequenceHeader = "Nad-Stream-Sequence";
    public const string DeliveriesHeader = "Nad-Deliveries";

    /// <summary>The sensor of a record subject <c>nad.records.&lt;sensor&gt;</c>; an <see cref="ArgumentException"/> naming <paramref name="option"/> otherwise.</summary>
    public static string SensorOf(string subject, string option)
    {
        var sensor = subject.StartsWith(RecordSubjectPrefix, StringComparison.Ordinal) ? subject[RecordSubjectPrefix.Length..] : "";
        return IsValidToken(sensor)
            ? sensor
            : throw new ArgumentException($"{option} must be {RecordSubjectPrefix}<sensor> with one sensor name (no dots, spaces or wildcards); got '{subject}'.");
    }

    /// <summary>A subject token must not hold dots, spaces or wildcards.</summary>
    public static bool IsValidToken(string token) =>
        token.Length > 0 && token.All(c => c is not ('.' or '*' or '>' or ' ' or '\t' or '\r' or '\n'));
}
