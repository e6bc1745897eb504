using System;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Text;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Tests;

// In the CI leg without AVX2, TryNarrow declines every string (the tests check that much); the cache's fallback is
// then what the string-cache and encoder tests exercise.
public sealed class ShortAsciiTests
{
    private const byte Untouched = 0xEE;

    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, ShortAscii.MaxChars + 1)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Narrows_every_length_byte_for_byte_and_writes_nothing_past_it(int length)
    {
        // Followed by chars outside ASCII: a read past the string's end would refuse it.
        char[] chars = [.. Enumerable.Range(0, length).Select(i => (char)(' ' + ((i * 7) % 95))), .. Enumerable.Repeat('\u0080', 64)];
        byte[] destination = Fresh(length);

        bool narrowed = ShortAscii.TryNarrow(ref chars[0], length, ref destination[0]);

        Assert.Equal(Vector256.IsHardwareAccelerated, narrowed);
        if (narrowed)
        {
            Assert.Equal(Encoding.ASCII.GetBytes(chars, 0, length), destination[..length]);
        }

        Assert.All(destination[length..], b => Assert.Equal(Untouched, b));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_char_outside_ascii_anywhere_is_refused_before_anything_is_written(int length)
    {
        for (int at = 0; at < length; at++)
        {
            foreach (char outside in new[] { '\u0080', 'é', '\uD83C', '\uFFFF' })
            {
                char[] chars = Enumerable.Repeat('a', length).ToArray();
                chars[at] = outside;
                byte[] destination = Fresh(length);

                Assert.False(ShortAscii.TryNarrow(ref chars[0], length, ref destination[0]));
                Assert.All(destination, b => Assert.Equal(Untouched, b));
            }
        }
    }

    [Fact]
    public void A_string_longer_than_it_takes_is_refused()
    {
        char[] chars = Enumerable.Repeat('a', ShortAscii.MaxChars + 1).ToArray();
        byte[] destination = Fresh(chars.Length);

        Assert.False(ShortAscii.TryNarrow(ref chars[0], chars.Length, ref destination[0]));
        Assert.All(destination, b => Assert.Equal(Untouched, b));
    }

    // Room for the string and a guard after it.
    private static byte[] Fresh(int length) => Enumerable.Repeat(Untouched, length + 64).ToArray();
}
