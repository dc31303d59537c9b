using System.Globalization;
using System.Text;
using System.Text.Json;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Alerts;

/// <summary>
/// How an alert's record is kept in the database: one JSON array of the 41 values in NSL-KDD
/// column order (<c>[0,"tcp","private","REJ",0,...]</c>), about a fifth of the named object's
/// size and written without a JSON writer. Still JSON, so SQL can read it (<c>json_extract(record,
/// '$[2]')</c> is the service). Records stored as named objects (before this form) still read.
/// New rows store a <see cref="RecordBlob"/>; this text form is kept for the rows written before it and for a
/// record whose category holds a zero character (which the blob cannot hold).
/// </summary>
public static class StoredRecord
{
    /// <summary>The SQL expression for the stored record's service, for every stored form (a <see cref="RecordBlob"/>, the JSON array, the named object).</summary>
    public const string ServiceSql = "CASE WHEN typeof(record) = 'blob' THEN " + RecordBlob.ServiceSql +
                                     " ELSE COALESCE(json_extract(record, '$[2]'), json_extract(record, '$.service')) END";

    /// <summary>Room the stored form of <paramref name="record"/> can need: 38 numbers of at most 24 characters with
    /// separators fit in 1,024; a category character escapes to at most 6.</summary>
    public static int MaxLength(ConnectionRecord record) => 1024 + 6 * (record.ProtocolType.Length + record.Service.Length + record.Flag.Length);

    public static string Write(ConnectionRecord record)
    {
        var buffer = new char[MaxLength(record)];
        return new string(buffer, 0, Write(record, buffer));
    }

    /// <summary>Writes the stored form into <paramref name="destination"/> (at least <see cref="MaxLength"/>); returns its length.</summary>
    public static int Write(ConnectionRecord record, Span<char> destination)
    {
        var at = 0;
        destination[at++] = '[';
        var columns = NslKddSchema.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (i > 0) destination[at++] = ',';
            if (column.IsCategorical) at += WriteString(record.Categorical(column.ValueIndex), destination[at..]);
            else at += WriteNumber(record.Numeric[column.ValueIndex], destination[at..]);
        }
        destination[at++] = ']';
        return at;
    }

    /// <summary>Reads either stored form; throws <see cref="JsonException"/> when the text is neither.</summary>
    public static ConnectionRecord Read(string stored)
    {
        var utf8 = Encoding.UTF8.GetBytes(stored);
        if (stored.Length == 0 || stored[0] != '[') return RecordJsonReader.ParseOne(utf8); // a named object
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        var categorical = new string[NslKddSchema.CategoricalColumns.Count];
        var numeric = new double[NslKddSchema.NumericCount];
        foreach (var column in NslKddSchema.Columns)
        {
            if (!reader.Read()) throw new JsonException("The stored record ends early.");
            if (column.IsCategorical)
                categorical[column.ValueIndex] = reader.TokenType == JsonTokenType.String
                    ? CategoryValues.Get(reader.GetString()!)
                    : throw new JsonException($"The stored record's {column.Name} is not a string.");
            else if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || column.Validate(value) is not null)
                throw new JsonException($"The stored record's {column.Name} is not a valid number.");
            else numeric[column.ValueIndex] = value;
        }
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) throw new JsonException("The stored record has more than 41 values.");
        return new ConnectionRecord(categorical[0], categorical[1], categorical[2], numeric);
    }

    private static int WriteNumber(double value, Span<char> destination)
    {
        // Most NSL-KDD values are whole numbers or rates in hundredths: writing those digits directly is
        // exact (k / 100.0 and the text "0.kk" are the same double) and far cheaper than shortest round-trip.
        if (value >= 0 && value < 1e13)
        {
            if (value == Math.Floor(value)) return Digits((ulong)value, destination);
            var hundredths = Math.Round(value * 100);
            if (hundredths / 100 == value)
            {
                var cents = (ulong)hundredths;
                var at = Digits(cents / 100, destination);
                destination[at] = '.';
                destination[at + 1] = (char)('0' + cents % 100 / 10);
                destination[at + 2] = (char)('0' + cents % 10);
                return at + 3;
            }
        }
        return value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture)
            ? written : throw new ArgumentException("The stored-record buffer is too small.", nameof(destination));
    }

    private static int Digits(ulong value, Span<char> destination) =>
        value.TryFormat(destination, out var written) ? written : throw new ArgumentException("The stored-record buffer is too small.", nameof(destination));

    private static int WriteString(string value, Span<char> destination)
    {
        var at = 0;
        destination[at++] = '"';
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                destination[at++] = '\\';
                destination[at++] = c;
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                "\\u".CopyTo(destination[at..]);
                ((int)c).TryFormat(destination[(at + 2)..], out _, "x4", CultureInfo.InvariantCulture);
                at += 6;
            }
            else destination[at++] = c;
        }
        destination[at++] = '"';
        return at;
    }
}
