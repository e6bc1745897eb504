using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Tests;

public sealed class Utf8StringsTests : IDisposable
{
    private readonly Utf8Strings _strings = Utf8Strings.Rent();

    public void Dispose() => _strings.Return();

    [Theory]
    [InlineData("web-store")]
    [InlineData("héllo wörld ✓ 日本語 🎉")]
    [InlineData("")]
    public void Returns_the_utf8_bytes_of_the_string(string value)
    {
        CharSlice slice = _strings.Get(value);

        Assert.Equal(Encoding.UTF8.GetBytes(value), slice.AsSpan().ToArray());
    }

    [Fact]
    public void Null_is_an_empty_slice()
        => Assert.True(_strings.Get(null).IsEmpty);

    [Fact]
    public void Lone_surrogates_become_replacement_characters_so_the_bytes_are_valid_utf8()
    {
        CharSlice slice = _strings.Get("a\uD800b");

        Assert.Equal("a\uFFFDb", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(slice.AsSpan()));
    }

    [Fact]
    public void Every_view_of_one_span_stays_valid_until_the_span_ends_even_when_slots_collide()
    {
        // Far more distinct strings than slots, short and long: collisions are certain.
        string[] values = Enumerable.Range(0, Utf8Strings.SlotCount * 3)
            .Select(i => i % 7 == 0 ? new string('x', 200) + i : "tag." + i)
            .ToArray();

        CharSlice[] slices = values.Select(_strings.Get).ToArray();

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], Encoding.UTF8.GetString(slices[i].AsSpan()));
        }
    }

    [Fact]
    public void A_repeated_string_is_served_from_the_cache()
        => AssertServedFromCacheInTheNextSpan(new StringBuilder("cached-").Append("service").ToString());

    [Fact]
    public void Equal_strings_in_different_instances_each_get_their_bytes()
    {
        string a = new StringBuilder("GET").ToString();
        string b = new StringBuilder("GE").Append('T').ToString();

        CharSlice first = _strings.Get(a);
        CharSlice second = _strings.Get(b);

        Assert.Equal("GET", Encoding.UTF8.GetString(first.AsSpan()));
        Assert.Equal("GET", Encoding.UTF8.GetString(second.AsSpan()));
    }

    [Fact]
    public void Short_strings_whose_utf8_outgrows_a_slot_never_leave_a_cached_string_answering_with_their_bytes()
    {
        // 64 chars fit a slot by length, but their 128 UTF-8 bytes do not: the slot is written partly.
        string[] cached = Enumerable.Range(0, Utf8Strings.SlotCount * 2).Select(i => "key." + i).ToArray();
        string[] wide = Enumerable.Range(0, Utf8Strings.SlotCount * 2).Select(i => new string('é', 63) + (char)('a' + (i % 26))).ToArray();
        foreach (string value in cached)
        {
            _strings.Get(value);
        }

        _strings.EndSpan();
        foreach (string value in wide)
        {
            Assert.Equal(value, Encoding.UTF8.GetString(_strings.Get(value).AsSpan()));
        }

        _strings.EndSpan();
        foreach (string value in cached)
        {
            Assert.Equal(value, Encoding.UTF8.GetString(_strings.Get(value).AsSpan()));
        }
    }

    [Fact]
    public unsafe void Long_strings_of_one_span_reuse_the_overflow_memory_of_the_span_before()
    {
        string first = new('a', Utf8Strings.SlotBytes + 1);
        string second = new('b', Utf8Strings.SlotBytes + 1);

        byte* firstBytes = _strings.Get(first).Ptr;
        _strings.EndSpan();
        CharSlice secondView = _strings.Get(second);

        Assert.True(firstBytes == secondView.Ptr, "the second span's long string did not reuse the first span's overflow bytes");
        Assert.Equal(second, Encoding.UTF8.GetString(secondView.AsSpan()));
    }

    [Fact]
    public void The_span_counter_wrapping_around_keeps_views_valid_and_the_cache_working()
    {
        _strings.SetSpanCounterForTests(uint.MaxValue);
        string[] values = Enumerable.Range(0, Utf8Strings.SlotCount * 2).Select(i => "v." + i).ToArray();
        CharSlice[] views = values.Select(_strings.Get).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], Encoding.UTF8.GetString(views[i].AsSpan()));
        }

        _strings.EndSpan();
        AssertServedFromCacheInTheNextSpan(new StringBuilder("after-").Append("wrap").ToString());
    }

    [Fact]
    public void A_nested_rent_on_the_same_thread_gets_its_own_instance_and_the_thread_keeps_one()
    {
        Utf8Strings nested = Utf8Strings.Rent();
        Assert.NotSame(_strings, nested);
        nested.Return();

        Assert.Same(nested, Utf8Strings.Rent());
        nested.Return();
    }

    [Fact]
    public void Two_strings_every_span_uses_keep_a_slot_each_when_their_home_slots_collide()
    {
        using var pair = CollidingStrings.Find();
        AgeCachedStrings();

        _strings.Get(pair.First);
        _strings.Get(pair.Second);
        _strings.EndSpan();
        CharSlice first = _strings.Get(pair.First);
        CharSlice second = _strings.Get(pair.Second);

        Assert.True(_strings.InSlot(first) && _strings.InSlot(second), "one of two colliding strings went to the overflow arena");
        Assert.Equal(pair.Second, Encoding.UTF8.GetString(second.AsSpan()));
    }

    [Fact]
    public unsafe void A_string_seen_once_does_not_evict_a_string_the_last_span_used()
    {
        using var pair = CollidingStrings.Find();
        string hot = pair.First;
        string once = pair.Second;
        AgeCachedStrings();

        byte* cached = _strings.Get(hot).Ptr;
        _strings.EndSpan();
        _strings.Get(once);
        CharSlice again = _strings.Get(hot);

        Assert.True(cached == again.Ptr, "the string seen once took the slot of the string the span before used");
    }

    [Fact]
    public unsafe void A_string_found_in_its_partner_slot_moves_home_once_home_is_free()
    {
        using var pair = CollidingStrings.Find();
        AgeCachedStrings();
        _strings.Get(pair.First);
        CharSlice partner = _strings.Get(pair.Second);

        // The string at home goes unused until it is old; the other then moves into its home slot.
        AgeCachedStrings();
        CharSlice moved = _strings.Get(pair.Second);
        CharSlice again = _strings.Get(pair.Second);

        Assert.True(moved.Ptr != partner.Ptr, "the string stayed in its partner slot");
        Assert.True(moved.Ptr == again.Ptr, "the string moved home is not found there");
        Assert.Equal(pair.Second, Encoding.UTF8.GetString(again.AsSpan()));
    }

    [Fact]
    public unsafe void A_string_an_encoder_sees_for_the_first_time_is_cached_only_when_it_comes_back()
    {
        using var pair = CollidingStrings.Find();
        string value = pair.First;
        _strings.ForgetSightsForTests();
        AgeCachedStrings();

        bool firstSight = _strings.TryGetSeen(value, out _);
        bool cachedAfterFirst = _strings.TryGetHome(value, out _);
        bool secondSight = _strings.TryGetSeen(value, out CharSlice admitted);
        _strings.EndSpan();
        bool found = _strings.TryGetHome(value, out CharSlice hit);

        Assert.False(firstSight, "a string seen for the first time was given a view (and a slot)");
        Assert.False(cachedAfterFirst, "a string seen once took a slot");
        Assert.True(secondSight, "a string seen again was not cached");
        Assert.Equal(value, Encoding.UTF8.GetString(admitted.AsSpan()));
        Assert.True(found && hit.Ptr == admitted.Ptr, "the string cached on its second sight is not found in its home slot");
    }

    [Fact]
    public void Two_values_whose_home_slots_collide_are_both_cached_when_they_alternate()
    {
        using var pair = CollidingStrings.Find();
        _strings.ForgetSightsForTests();
        AgeCachedStrings();

        bool[] sights =
        [
            _strings.TryGetSeen(pair.First, out _),
            _strings.TryGetSeen(pair.Second, out _),
            _strings.TryGetSeen(pair.First, out CharSlice first),
            _strings.TryGetSeen(pair.Second, out CharSlice second),
        ];

        Assert.Equal([false, false, true, true], sights);
        Assert.Equal(pair.First, Encoding.UTF8.GetString(first.AsSpan()));
        Assert.Equal(pair.Second, Encoding.UTF8.GetString(second.AsSpan()));
    }

    // The thread's instance is shared with other tests: spans enough that whatever they cached counts as old.
    private void AgeCachedStrings()
    {
        for (int i = 0; i < Utf8Strings.RecentSpans; i++)
        {
            _strings.EndSpan();
        }
    }

    private unsafe void AssertServedFromCacheInTheNextSpan(string value)
    {
        CharSlice first = _strings.Get(value);
        _strings.EndSpan();

        // Moves the overflow arena on, so a value transcoded again could not land where it was.
        _strings.Get(new string('z', 100));
        CharSlice second = _strings.Get(value);

        Assert.True(first.Ptr == second.Ptr, $"the second lookup of '{value}' should reuse the cached bytes");
    }

    /// <summary>Two distinct strings with the same home slot, pinned so that the GC cannot move them to others.</summary>
    private sealed class CollidingStrings : IDisposable
    {
        private readonly GCHandle _first;
        private readonly GCHandle _second;

        private CollidingStrings(GCHandle first, GCHandle second) => (_first, _second) = (first, second);

        public string First => (string)_first.Target!;

        public string Second => (string)_second.Target!;

        public static CollidingStrings Find()
        {
            var bySlot = new Dictionary<int, GCHandle>();
            for (int i = 0; ; i++)
            {
                var handle = GCHandle.Alloc("collide." + i, GCHandleType.Pinned);
                int slot = Utf8Strings.SlotOf((string)handle.Target!);
                if (bySlot.Remove(slot, out GCHandle earlier))
                {
                    foreach (GCHandle other in bySlot.Values)
                    {
                        other.Free();
                    }

                    return new CollidingStrings(earlier, handle);
                }

                bySlot.Add(slot, handle);
            }
        }

        public void Dispose()
        {
            _first.Free();
            _second.Free();
        }
    }
}
