using System;
using System.IO;
using MessagePack;

namespace SpanMarshal.Testing.Decoding;

/// <summary>
/// Strict reads shared by both decoders: the wrong msgpack type is an error, never a conversion,
/// and whatever the reader throws on a truncated or malformed value becomes a
/// <see cref="PayloadException"/> that says where it was.
/// </summary>
internal static class Values
{
    private delegate T Reader<T>(ref MessagePackReader reader);

    public static string String(ref MessagePackReader reader, string what)
        => Read(ref reader, what, static t => t == MessagePackType.String, "String", static (ref MessagePackReader r) => r.ReadString()!);

    public static ulong UInt64(ref MessagePackReader reader, string what)
        => Read(ref reader, what, IsInteger, "Integer", static (ref MessagePackReader r) => r.ReadUInt64(), "is negative");

    public static long Int64(ref MessagePackReader reader, string what)
        => Read(ref reader, what, IsInteger, "Integer", static (ref MessagePackReader r) => r.ReadInt64(), "does not fit in an int64");

    public static int Int32(ref MessagePackReader reader, string what)
        => Read(ref reader, what, IsInteger, "Integer", static (ref MessagePackReader r) => r.ReadInt32(), "does not fit in an int32");

    /// <summary>An integer or a float, as the agent accepts for metrics.</summary>
    public static double Number(ref MessagePackReader reader, string what)
        => Read(ref reader, what, static t => t is MessagePackType.Integer or MessagePackType.Float, "a number", static (ref MessagePackReader r) => r.ReadDouble());

    public static int ArrayHeader(ref MessagePackReader reader, string what)
        => Read(ref reader, what, static t => t == MessagePackType.Array, "Array", static (ref MessagePackReader r) => r.ReadArrayHeader());

    public static int MapHeader(ref MessagePackReader reader, string what)
        => Read(ref reader, what, static t => t == MessagePackType.Map, "Map", static (ref MessagePackReader r) => r.ReadMapHeader());

    /// <summary>
    /// Skips one value of any shape without recursion. Array and map lengths are read with the
    /// reader's checked header reads: <see cref="MessagePackReader.Skip"/> takes an array32 of
    /// 2^32-1 elements for an empty one.
    /// </summary>
    public static void Skip(ref MessagePackReader reader, string what)
    {
        long pending = 1;
        while (pending-- > 0)
        {
            pending += Read(ref reader, what, static _ => true, "", static (ref MessagePackReader r) => r.NextMessagePackType switch
            {
                MessagePackType.Array => r.ReadArrayHeader(),
                MessagePackType.Map => 2L * r.ReadMapHeader(),
                _ => SkipScalar(ref r),
            });
        }
    }

    private static bool IsInteger(MessagePackType type) => type == MessagePackType.Integer;

    private static long SkipScalar(ref MessagePackReader reader)
    {
        reader.Skip();
        return 0;
    }

    // MessagePackReader converts between integer widths and throws OverflowException only when a value does not fit.
    private static T Read<T>(ref MessagePackReader reader, string what, Func<MessagePackType, bool> accepts, string expected, Reader<T> read, string? overflow = null)
    {
        try
        {
            MessagePackType type = reader.NextMessagePackType;
            if (!accepts(type))
            {
                throw new PayloadException($"{what} is {type}, not {expected}");
            }

            return read(ref reader);
        }
        catch (OverflowException) when (overflow is not null)
        {
            throw new PayloadException(what + " " + overflow);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentOutOfRangeException or MessagePackSerializationException)
        {
            // A length past the end of the body, a negative 32-bit length, or a reserved code (0xc1).
            throw new PayloadException($"{what} is cut short or malformed: {ex.Message}", ex);
        }
    }
}
