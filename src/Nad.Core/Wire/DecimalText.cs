namespace Nad.Core.Wire;

/// <summary>
/// Reads the JSON numbers records are made of ("0", "491", "0.05") without the general double
/// parser, which is most of a record's parsing time. Exact: with at most 15 digits the digits form
/// an integer below 2^53 and the divisor a power of ten below 10^22, both exact doubles, and IEEE
/// division rounds correctly, so the result is the double the text names (the same as
/// <see cref="double.Parse(string)"/>). Anything else (exponents, signs, more digits) is left to it.
/// </summary>
public static class DecimalText
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen =
        [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Parses plain digits with an optional fraction; false when the text needs the general parser.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        ulong digits = 0;
        var count = 0;
        var fraction = -1; // digits after the point; -1 until a point is seen
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit <= 9)
            {
                digits = digits * 10 + digit;
                count++;
                if (fraction >= 0) fraction++;
            }
            else if (b == '.' && fraction < 0) fraction = 0;
            else return false;
        }
        if (count == 0 || count > MaxDigits || fraction == 0) return false;
        value = fraction > 0 ? digits / PowersOfTen[fraction] : digits;
        return true;
    }
}
