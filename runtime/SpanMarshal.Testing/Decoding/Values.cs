using MessagePack;

namespace SpanMarshal.Testing.Decoding;

/// <summary>Strict reads shared by both decoders: the wrong msgpack type is an error, never a conversion.</summary>
internal static class Values
{
    public static string String(ref MessagePackReader reader, string what)
    {
        Require(ref reader, MessagePackType.String, what);
        return reader.ReadString()!;
    }

    public static ulong UInt64(ref MessagePackReader reader, string what)
        => Integer(ref reader, what, static (ref MessagePackReader r) => r.ReadUInt64(), "is negative");

    public static long Int64(ref MessagePackReader reader, string what)
        => Integer(ref reader, what, static (ref MessagePackReader r) => r.ReadInt64(), "does not fit in an int64");

    public static int Int32(ref MessagePackReader reader, string what)
        => Integer(ref reader, what, static (ref MessagePackReader r) => r.ReadInt32(), "does not fit in an int32");

    /// <summary>An integer or a float, as the agent accepts for metrics.</summary>
    public static double Number(ref MessagePackReader reader, string what)
    {
        MessagePackType type = reader.NextMessagePackType;
        if (type is not (MessagePackType.Integer or MessagePackType.Float))
        {
            throw new PayloadException($"{what} is {type}, not a number");
        }

        return reader.ReadDouble();
    }

    public static int ArrayHeader(ref MessagePackReader reader, string what)
    {
        Require(ref reader, MessagePackType.Array, what);
        return reader.ReadArrayHeader();
    }

    public static int MapHeader(ref MessagePackReader reader, string what)
    {
        Require(ref reader, MessagePackType.Map, what);
        return reader.ReadMapHeader();
    }

    private delegate T Reader<T>(ref MessagePackReader reader);

    // MessagePackReader converts between integer widths and throws only on overflow; a float is refused first.
    private static T Integer<T>(ref MessagePackReader reader, string what, Reader<T> read, string overflow)
    {
        Require(ref reader, MessagePackType.Integer, what);
        try
        {
            return read(ref reader);
        }
        catch (System.OverflowException)
        {
            throw new PayloadException(what + " " + overflow);
        }
    }

    private static void Require(ref MessagePackReader reader, MessagePackType expected, string what)
    {
        MessagePackType type = reader.NextMessagePackType;
        if (type != expected)
        {
            throw new PayloadException($"{what} is {type}, not {expected}");
        }
    }
}
