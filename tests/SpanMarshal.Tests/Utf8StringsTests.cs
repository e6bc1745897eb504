using System;
using System.Linq;
using System.Text;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Tests;

public class Utf8StringsTests
{
    [Theory]
    [InlineData("web-store")]
    [InlineData("héllo wörld ✓ 日本語 🎉")]
    [InlineData("")]
    public void Returns_the_utf8_bytes_of_the_string(string value)
    {
        var strings = Utf8Strings.ForCurrentThread;

        CharSlice slice = strings.Get(value);

        Assert.Equal(Encoding.UTF8.GetBytes(value), slice.AsSpan().ToArray());
        strings.EndSpan();
    }

    [Fact]
    public void Null_is_an_empty_slice()
    {
        Assert.True(Utf8Strings.ForCurrentThread.Get(null).IsEmpty);
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters_so_the_bytes_are_valid_utf8()
    {
        CharSlice slice = Utf8Strings.ForCurrentThread.Get("a\uD800b");

        Assert.Equal("a\uFFFDb", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(slice.AsSpan()));
        Utf8Strings.ForCurrentThread.EndSpan();
    }

    [Fact]
    public void Every_view_of_one_span_stays_valid_until_the_span_ends_even_when_slots_collide()
    {
        var strings = Utf8Strings.ForCurrentThread;
        // Far more distinct strings than slots, short and long: collisions are certain.
        string[] values = Enumerable.Range(0, Utf8Strings.SlotCount * 3)
            .Select(i => i % 7 == 0 ? new string('x', 200) + i : "tag." + i)
            .ToArray();

        CharSlice[] slices = values.Select(strings.Get).ToArray();

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], Encoding.UTF8.GetString(slices[i].AsSpan()));
        }

        strings.EndSpan();
    }

    [Fact]
    public void A_repeated_string_is_served_from_the_cache()
    {
        var strings = Utf8Strings.ForCurrentThread;
        string service = new StringBuilder("cached-").Append("service").ToString();

        CharSlice first = strings.Get(service);
        strings.EndSpan();
        CharSlice second = strings.Get(service);
        strings.EndSpan();

        unsafe
        {
            Assert.True(first.Ptr == second.Ptr, "the second lookup should reuse the cached bytes");
        }
    }
}
