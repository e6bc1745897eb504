using System;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Emitting;

/// <summary>Writes the statements that convert scalar members into <c>TracerSpanFields</c>.</summary>
internal static class FieldEmitter
{
    private const string UnixEpochTicks = "global::System.DateTime.UnixEpoch.Ticks";

    /// <summary>The local holding a UTF-8 member's bytes while they are pinned.</summary>
    public static string Utf8Local(MemberSpec member) => Camel(member.Field) + "Utf8";

    /// <summary>Declares a UTF-8 member's span and opens the <c>fixed</c> block that pins it.</summary>
    public static void OpenPin(SourceWriter writer, MemberSpec member)
    {
        string local = Utf8Local(member);
        string bytes = MemberReads.Read(member.Read) + (member.Kind == ValueKind.Utf8Memory ? ".Span" : string.Empty);
        writer.Line($"global::System.ReadOnlySpan<byte> {local} = {bytes};");
        writer.Open($"fixed (byte* {local}Pointer = {local})");
    }

    /// <remarks>
    /// Arithmetic is <c>unchecked</c> so a project built with CheckForOverflowUnderflow gets
    /// truncation (the wire format's behaviour), never an exception, from an odd value.
    /// </remarks>
    public static void Write(SourceWriter writer, MemberSpec member)
    {
        string read = MemberReads.Read(member.Read);
        string target = "fields." + Target(member.Field);
        switch (member.Kind)
        {
            case ValueKind.String:
                writer.Line($"{target} = sink.Utf8({read});");
                break;
            case ValueKind.Utf8Array or ValueKind.Utf8Memory:
                string local = Utf8Local(member);
                writer.Line($"{target} = new {KnownNames.Marshalling}.CharSlice({local}Pointer, {local}.Length);");
                break;
            case ValueKind.UInt128:
                writer.Line($"global::System.UInt128 traceId = {read};");
                writer.Line("fields.TraceIdLow = unchecked((ulong)traceId);");
                writer.Line("fields.TraceIdHigh = unchecked((ulong)(traceId >> 64));");
                break;
            case ValueKind.UInt64:
                writer.Line($"{target} = {read};");
                break;
            case ValueKind.Int64 when member.Field is SpanFieldKind.Start or SpanFieldKind.Duration:
                writer.Line($"{target} = {read};");
                break;
            case ValueKind.Int64:
                writer.Line($"{target} = unchecked((ulong){read});");
                break;
            case ValueKind.DateTime:
                // A DateTime of unspecified kind is taken as UTC (what tracers record); only a Local one is converted.
                writer.Line($"global::System.DateTime start = {read};");
                writer.Line($"{target} = unchecked(((start.Kind == global::System.DateTimeKind.Local ? start.ToUniversalTime() : start).Ticks - {UnixEpochTicks}) * 100);");
                break;
            case ValueKind.DateTimeOffset:
                writer.Line($"{target} = unchecked(({read}.UtcTicks - {UnixEpochTicks}) * 100);");
                break;
            case ValueKind.TimeSpan:
                writer.Line($"{target} = unchecked({read}.Ticks * 100);");
                break;
            case ValueKind.DoubleSeconds:
                writer.Line($"{target} = unchecked((long)({read} * 1e9));");
                break;
            case ValueKind.Boolean:
                writer.Line($"{target} = {read} ? 1 : 0;");
                break;
            case ValueKind.Int32:
                writer.Line($"{target} = {read} != 0 ? 1 : 0;");
                break;
            default:
                throw new InvalidOperationException("Not a scalar member kind: " + member.Kind);
        }
    }

    private static string Target(SpanFieldKind field) => field switch
    {
        SpanFieldKind.Type => "SpanType",
        SpanFieldKind.TraceId => "TraceIdLow",
        _ => field.ToString(),
    };

    private static string Camel(SpanFieldKind field)
    {
        string name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
