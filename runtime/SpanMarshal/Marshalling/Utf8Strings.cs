using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace SpanMarshal.Marshalling;

/// <summary>
/// UTF-8 views of span strings for the sinks: a per-thread cache keyed by string identity
/// (service, operation name, type and tag keys repeat across spans, and re-transcoding
/// them was more than half of a plain encoder's time) plus a pooled overflow arena for
/// the rest. Nothing here lives on the stack, so no stack use grows with user data.
/// </summary>
/// <remarks>
/// A view stays valid until <see cref="EndSpan"/>: a slot used by the current span is
/// never overwritten during that span, and overflow blocks are only recycled at the end.
/// Invalid UTF-16 (lone surrogates) becomes U+FFFD, so every view is valid UTF-8.
/// A sink rents the thread's instance for one batch (<see cref="Rent"/>) and returns it when
/// done; identity keys make a hit one address hash and one compare. Strings built per request
/// (equal text, new instance) miss. Through <see cref="Get"/>, those of up to 64 chars still take a
/// slot, evicting a string not used in the last few spans where there is one, and stay referenced
/// until overwritten (at most 1024 per thread). An encoder that can transcode in place asks through
/// <see cref="TryGetSeen"/> instead, and a string is cached only when it comes back.
/// Each string has a home slot and, when a recently used string holds that, its partner slot
/// (the other of the pair), from where it moves home once home is free: two strings every span
/// uses and whose homes collide keep a slot each instead of one being transcoded every span.
/// </remarks>
internal sealed unsafe class Utf8Strings
{
    internal const int SlotCount = 1 << SlotBits;
    private const int SlotBits = 10;

    // How many spans a string is preferred over an older one when a slot is given away: enough that the
    // strings every span uses outlive the strings each span brings once (a URL).
    internal const uint RecentSpans = 8;
    internal const int SlotBytes = 64;

    /// <summary>
    /// The longest UTF-8 a view is made for: more than any agent request holds, so a span carrying
    /// a longer string could never be sent. A longer string gets an unavailable view (a null pointer
    /// with its length), and the sinks leave its span out.
    /// </summary>
    internal const int MaxStringBytes = 64 * 1024 * 1024;
    private const int ArenaBlockBytes = 16 * 1024;
    private const int ArenaKeepBytes = 1024 * 1024;

    // The thread's idle instances: one for sends, a spare for a send nested in a span getter,
    // so even a getter that exports on every span reuses instances instead of allocating.
    [ThreadStatic]
    private static Utf8Strings? t_idle;

    [ThreadStatic]
    private static Utf8Strings? t_spare;

    // One entry per slot, so a lookup touches one cache line of bookkeeping.
    private readonly Entry[] _entries = new Entry[SlotCount];
    // Zeroed once: encoders copy whole slots (MsgPack.WriteSlotString) into pooled buffers, where the bytes past a
    // string (never sent) are then only ever bytes of span strings, not whatever memory the GC handed the array.
    private readonly byte[] _slots = GC.AllocateArray<byte>(SlotCount * SlotBytes, pinned: true);
    private readonly byte* _slotBase;
    // Per pair of slots, the addresses of the last two strings TryGetSeen did not find (most recent first).
    private readonly nuint[] _seen = new nuint[SlotCount];
    private readonly List<byte[]> _retired = new();
    private TableTag[]? _tableTags;
    private byte[] _block = GC.AllocateUninitializedArray<byte>(ArenaBlockBytes, pinned: true);
    private int _blockUsed;

    // Set when a span's view went to the overflow arena, so EndSpan recycles it.
    private bool _arenaUsed;
    private uint _span = 1;

    private Utf8Strings() => _slotBase = (byte*)Unsafe.AsPointer(ref _slots[0]);

    /// <summary>
    /// The calling thread's instance, with no live views. When it is already in use further up
    /// this thread's stack (a span getter that itself exports), a fresh one: a nested send must
    /// never recycle the views of the span being marshalled around it.
    /// </summary>
    public static Utf8Strings Rent()
    {
        Utf8Strings? strings = t_idle;
        if (strings is not null)
        {
            t_idle = null;
            return strings;
        }

        strings = t_spare;
        if (strings is not null)
        {
            t_spare = null;
            return strings;
        }

        return new Utf8Strings();
    }

    /// <summary>Ends the current span's views and makes this the calling thread's idle instance again.</summary>
    public void Return()
    {
        EndSpan();
        if (t_idle is null)
        {
            t_idle = this;
        }
        else
        {
            t_spare ??= this;
        }
    }

    /// <summary>A UTF-8 view of <paramref name="value"/>; null or empty gives an empty slice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CharSlice Get(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }

        // The hit path is small enough to inline into the sinks; everything else is out of line.
        return TryGetHome(value, out CharSlice view) ? view : Miss(value, SlotOf(value));
    }

    /// <summary>
    /// True, with <paramref name="value"/>'s view, when its home slot holds it (the inline part of <see cref="Get"/>):
    /// an encoder's hit path then knows the view is a slot without testing it, and its miss path asks
    /// <see cref="TryGetSeen"/>. Only strings of at most <see cref="SlotBytes"/> chars are ever found.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetHome(string value, out CharSlice view)
    {
        int slot = SlotOf(value);
        ref Entry entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), slot);
        if (ReferenceEquals(entry.Key, value))
        {
            entry.Stamp = _span;
            view = new CharSlice(_slotBase + (slot * SlotBytes), entry.Length);
            return true;
        }

        view = default;
        return false;
    }

    // The slot is picked from the string's address: a multiply, where RuntimeHelpers.GetHashCode was a call into the
    // runtime per string (12 per typical span). The address is only a hint: a hit is confirmed by reference, so a
    // string the GC has moved since is simply a miss that takes a slot at its new address.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SlotOf(string value) => (int)((AddressOf(value) * 0x9E3779B97F4A7C15UL) >> (64 - SlotBits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint AddressOf(string value) => (nuint)Unsafe.AsPointer(ref Unsafe.AsRef(in value.GetPinnableReference()));

    /// <summary>Where the slots start: a view in [<see cref="SlotBase"/>, + <see cref="SlotCount"/> x <see cref="SlotBytes"/>) is a cached string's slot.</summary>
    public byte* SlotBase => _slotBase;

    /// <summary>True when <paramref name="view"/> is a cached string's slot: its <see cref="SlotBytes"/> bytes may all be read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool InSlot(CharSlice view) => (nuint)view.Ptr - (nuint)_slotBase < SlotCount * SlotBytes;

    /// <summary>
    /// One tag per slot for an encoder that numbers strings (v0.5's string table): what it last said about the
    /// string in that slot. A slot's tag is cleared whenever the slot is given to another string, so a tag the
    /// encoder set is about the string the slot holds now. Allocated on first use.
    /// </summary>
    public TableTag[] TableTags => _tableTags ??= new TableTag[SlotCount];

    /// <summary>Ends the current span: its views may be reused from now on.</summary>
    /// <remarks>
    /// Inlined into each sink: a span whose strings all fit the cache (the common case) costs an
    /// increment and one test; the counter's wrap-around and the arena's recycling are out of line.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndSpan()
    {
        if ((++_span == 0) | _arenaUsed)
        {
            EndSpanSlow();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EndSpanSlow()
    {
        if (_span == 0)
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                _entries[i].Stamp = 0;
            }

            // Past RecentSpans, so that every string cached before the wrap counts as old, as it is.
            _span = RecentSpans;
        }

        if (_retired.Count != 0)
        {
            _retired.Clear();
        }

        if (_block.Length > ArenaKeepBytes)
        {
            // One huge tag should not pin megabytes for the thread's lifetime.
            _block = GC.AllocateUninitializedArray<byte>(ArenaBlockBytes, pinned: true);
        }

        _blockUsed = 0;
        _arenaUsed = false;
    }

    /// <summary>
    /// Lets tests start from strings never seen: sights are remembered by address, and the GC may give a test's string
    /// the address of one an earlier test saw.
    /// </summary>
    internal void ForgetSightsForTests() => Array.Clear(_seen);

    /// <summary>Lets tests reach the span counter's wrap-around without four billion spans.</summary>
    internal void SetSpanCounterForTests(uint span) => _span = span;

    /// <summary>
    /// For an encoder that can transcode a string in place itself, after <see cref="TryGetHome"/> did not find it:
    /// <paramref name="value"/>'s view when the cache holds it or takes it now, or false the first time the string is
    /// seen lately. A string is cached on its second sight: one each span brings once (a URL) then costs no slot, no
    /// copy and no eviction, and a string every span uses is cached from the second span on.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool TryGetSeen(string value, out CharSlice view)
    {
        int slot = SlotOf(value);
        if (InPartner(value, slot, out view))
        {
            return true;
        }

        // The addresses of the last two strings not found whose home is this pair of slots: the same string again is
        // admitted. Two, as a pair of slots holds two strings: two values every span uses whose homes collide are
        // both cached, where one address per home slot had them push each other out for good. (A string the GC
        // moved since counts as new once more; one given a freed address is admitted a sight early.)
        nuint address = AddressOf(value);
        ref nuint recent = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_seen), slot & ~1);
        ref nuint older = ref Unsafe.Add(ref recent, 1);
        if (recent != address && older != address)
        {
            older = recent;
            recent = address;
            return false;
        }

        view = Admit(value, slot);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private CharSlice Miss(string value, int slot)
        => InPartner(value, slot, out CharSlice view) ? view : Admit(value, slot);

    // The string found in its home's partner slot, moved home if no recent string holds that now.
    private bool InPartner(string value, int slot, out CharSlice view)
    {
        int partner = slot ^ 1;
        ref Entry other = ref _entries[partner];
        if (!ReferenceEquals(other.Key, value))
        {
            view = default;
            return false;
        }

        other.Stamp = _span;
        view = IsRecent(in _entries[slot]) ? new CharSlice(_slotBase + (partner * SlotBytes), other.Length) : MoveHome(slot, partner);
        return true;
    }

    private CharSlice Admit(string value, int slot)
    {
        if (value.Length <= SlotBytes)
        {
            int target = Victim(slot, slot ^ 1);
            if (target >= 0)
            {
                return Cache(value, target);
            }
        }

        return Transcode(value);
    }

    // The slot of the pair to give a new string: one not used lately if there is one, else one the current span
    // has not used (its views must stay valid), else none.
    private int Victim(int home, int partner)
    {
        ref Entry first = ref _entries[home];
        ref Entry second = ref _entries[partner];
        return !IsRecent(in first) ? home
            : !IsRecent(in second) ? partner
            : first.Stamp != _span ? home
            : second.Stamp != _span ? partner
            : -1;
    }

    // A string found in its partner slot takes its home slot once no recent string holds that, so that its lookups
    // hit inline again. The partner keeps its copy: a view of it may be in use in this span.
    private CharSlice MoveHome(int home, int partner)
    {
        ref Entry other = ref _entries[partner];
        new ReadOnlySpan<byte>(_slotBase + (partner * SlotBytes), SlotBytes).CopyTo(new Span<byte>(_slotBase + (home * SlotBytes), SlotBytes));
        return Give(home, other.Key!, other.Length);
    }

    private bool IsRecent(in Entry entry) => entry.Key is not null && _span - entry.Stamp < RecentSpans;

    private CharSlice Cache(string value, int slot)
    {
        byte* target = _slotBase + (slot * SlotBytes);

        // Most per-request strings (URLs, ids) are ASCII: narrowed without a loop where the machine allows. Otherwise
        // the transcoder, which has an ASCII fast path of its own.
        if (ShortAscii.TryNarrow(ref Unsafe.AsRef(in value.GetPinnableReference()), value.Length, ref *target))
        {
            return Give(slot, value, value.Length);
        }

        if (Utf8.FromUtf16(value, new Span<byte>(target, SlotBytes), out _, out int written) == OperationStatus.Done)
        {
            return Give(slot, value, written);
        }

        // A partly written slot must not answer for the string it held before (its table tag is cleared
        // by whichever string is given the slot next).
        _entries[slot].Key = null;
        return Transcode(value);
    }

    // The slot now holds key's bytes: its entry says so, and an encoder's tag about the string it held before goes.
    private CharSlice Give(int slot, string key, int length)
    {
        if (_tableTags is not null)
        {
            _tableTags[slot] = default;
        }

        ref Entry entry = ref _entries[slot];
        entry.Key = key;
        entry.Length = length;
        entry.Stamp = _span;
        return new CharSlice(_slotBase + (slot * SlotBytes), length);
    }

    private CharSlice Transcode(string value)
    {
        _arenaUsed = true;
        // In 64-bit arithmetic: a string of more than 715 million chars would wrap an int here.
        long max = ((long)value.Length + 1) * 3;
        if (max > MaxStringBytes)
        {
            // Counting is a second pass, worth it only near the limit; GetByteCount cannot overflow below it.
            long exact = value.Length > MaxStringBytes ? value.Length : Encoding.UTF8.GetByteCount(value);
            if (exact > MaxStringBytes)
            {
                return new CharSlice(null, (nuint)exact);
            }

            max = exact;
        }

        if (_block.Length - _blockUsed < max)
        {
            _retired.Add(_block);
            _block = GC.AllocateUninitializedArray<byte>((int)Math.Max(ArenaBlockBytes, max), pinned: true);
            _blockUsed = 0;
        }

        Span<byte> destination = _block.AsSpan(_blockUsed);
        Utf8.FromUtf16(value, destination, out _, out int written);
        byte* start = (byte*)Unsafe.AsPointer(ref destination[0]);
        _blockUsed += written;
        return new CharSlice(start, written);
    }

    /// <summary>What an encoder that numbers strings knows about a slot's string: its number in the table of <see cref="Generation"/> (0: nothing).</summary>
    internal struct TableTag
    {
        public int Generation;
        public int Index;
    }

    private struct Entry
    {
        public string? Key;
        public int Length;
        public uint Stamp;
    }
}
