using System.Text;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Tests.Managed;

public class Utf8StringsValueKeyTests
{
    [Fact]
    public unsafe void Equal_strings_that_are_different_instances_share_one_cached_copy()
    {
        var strings = Utf8Strings.ForCurrentThread;
        string first = new StringBuilder("http.").Append("route").ToString();
        string second = new StringBuilder("http.").Append("route").ToString();
        Assert.NotSame(first, second);

        CharSlice a = strings.Get(first);
        strings.EndSpan();
        CharSlice b = strings.Get(second);
        strings.EndSpan();

        Assert.True(a.Ptr == b.Ptr, "the second instance should be served from the first one's slot");
        Assert.Equal("http.route"u8.ToArray(), b.AsSpan().ToArray());
    }

    [Fact]
    public void Strings_that_share_a_slot_never_answer_for_each_other()
    {
        var strings = Utf8Strings.ForCurrentThread;

        // Same length, same sampled chars: they land in one slot and must take turns.
        string[] lookalikes = ["a1xxxxxz", "a2xxxxxz", "a3xxxxxz"];
        for (int round = 0; round < 3; round++)
        {
            foreach (string value in lookalikes)
            {
                Assert.Equal(Encoding.UTF8.GetBytes(value), strings.Get(value).AsSpan().ToArray());
                strings.EndSpan();
            }
        }
    }
}
