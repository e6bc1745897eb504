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
    {
        Require(ref reader, MessagePackType.Integer, what);
        try
        {
            return reader.ReadUInt64();
        }
        catch (System.OverflowException)
        {
            throw new PayloadException(what + " is negative");
        }
    }

    public static long Int64(ref MessagePackReader reader, string what)
    {
        Require(ref reader, MessagePackType.Integer, what);
        try
        {
            return reader.ReadInt64();
        }
        catch (System.OverflowException)
        {
            throw new PayloadException(what + " does not fit in an int64");
        }
    }

    public static int Int32(ref MessagePackReader reader, string what)
    {
        Require(ref reader, MessagePackType.Integer, what);
        try
        {
            return reader.ReadInt32();
        }
        catch (System.OverflowException)
        {
            throw new PayloadException(what + " does not fit in an int32");
        }
    }

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

    private static void Require(ref MessagePackReader reader, MessagePackType expected, string what)
    {
        MessagePackType type = reader.NextMessagePackType;
        if (type != expected)
        {
            throw new PayloadException($"{what} is {type}, not {expected}");
        }
    }
}
