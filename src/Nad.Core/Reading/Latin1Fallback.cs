using System.Text;

namespace Nad.Core.Reading;

/// <summary>
/// Decodes the bytes that are not UTF-8 as Windows-1252 (what "Latin-1" CSVs from Windows tools
/// really are: CIC-IDS2017's 0x96 is an en dash), and counts them in the summary: never a U+FFFD.
/// </summary>
internal sealed class Latin1Fallback(ReadSummary summary, string source) : DecoderFallback
{
    // Windows-1252's 0x80..0x9F; the rest of 0xA0..0xFF is Latin-1, the same code point.
    private const string High = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
        + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    public override int MaxCharCount => 4;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(summary, source);

    /// <summary>A UTF-8 encoding that decodes stray bytes this way; without a preamble, so the reader sees (and counts) a BOM.</summary>
    public static Encoding Utf8(ReadSummary summary, string source)
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.DecoderFallback = new Latin1Fallback(summary, source);
        return encoding;
    }

    public static char Decode(byte b) => b is >= 0x80 and < 0xA0 ? High[b - 0x80] : (char)b;

    private sealed class Buffer(ReadSummary summary, string source) : DecoderFallbackBuffer
    {
        private string _chars = "";
        private int _position;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            _chars = string.Concat(bytesUnknown.Select(Decode));
            _position = 0;
            summary.CountDirt(DirtKind.Latin1Bytes, source, bytesUnknown.Length);
            return true;
        }

        public override char GetNextChar() => _position < _chars.Length ? _chars[_position++] : '\0';

        public override bool MovePrevious()
        {
            if (_position == 0) return false;
            _position--;
            return true;
        }

        public override int Remaining => _chars.Length - _position;

        public override void Reset()
        {
            _chars = "";
            _position = 0;
        }
    }
}
