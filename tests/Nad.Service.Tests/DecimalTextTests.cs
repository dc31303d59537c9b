using System.Globalization;
using System.Text;
using Nad.Core.Wire;

namespace Nad.Service.Tests;

public sealed class DecimalTextTests
{
    private static double? Parsed(string text) => DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out var value) ? value : null;

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("491", 491.0)]
    [InlineData("0.05", 0.05)]
    [InlineData("1.00", 1.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("123456789012345", 123456789012345.0)]
    [InlineData("0.00000000000001", 1e-14)] // 15 digits, the most taken here
    public void Plain_decimals_give_the_same_double_as_the_general_parser(string text, double expected)
    {
        Assert.Equal(expected, Parsed(text));
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), Parsed(text));
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("-5")]
    [InlineData("1234567890123456")] // 16 digits: beyond exact
    [InlineData("1.")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("0.1E-2")]
    public void Other_forms_are_left_to_the_general_parser(string text) => Assert.Null(Parsed(text));

    [Fact]
    public void Random_decimals_match_the_general_parser_bit_for_bit()
    {
        var random = new Random(5);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var text = new StringBuilder();
            for (var d = 0; d < digits; d++) text.Append((char)('0' + random.Next(10)));
            var point = random.Next(0, digits);
            if (point > 0) text.Insert(point, '.');
            var s = text.ToString();
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(s, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(Parsed(s)!.Value));
        }
    }
}
