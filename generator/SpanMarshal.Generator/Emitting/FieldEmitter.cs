using System;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Emitting;

/// <summary>Writes the statements that convert scalar members into <c>TracerSpanFields</c>.</summary>
internal static class FieldEmitter
{
    private const string SpanTime = KnownNames.Marshalling + ".SpanTime";

    /// <summary>The local holding a UTF-8 member's bytes while they are pinned.</summary>
    public static string Utf8Local(FieldMemberSpec member) => Camel(member.Field) + "Utf8";

    /// <summary>Declares a UTF-8 member's span and opens the <c>fixed</c> block that pins it.</summary>
    public static void OpenPin(SourceWriter writer, FieldMemberSpec member)
    {
        string local = Utf8Local(member);
        string bytes = MemberReads.Read(member.Read) + (member.Kind == ScalarKind.Utf8Memory ? ".Span" : string.Empty);
        writer.Line($"global::System.ReadOnlySpan<byte> {local} = {bytes};");
        writer.Open($"fixed (byte* {local}Pointer = {local})");
    }

    /// <remarks>
    /// Id casts are <c>unchecked</c> so a project built with CheckForOverflowUnderflow reinterprets
    /// a negative id's bits, as the wire format does, rather than throwing. Times go through
    /// <c>SpanTime</c>, which never wraps: a value it cannot represent becomes one the runtime rejects.
    /// </remarks>
    public static void Write(SourceWriter writer, FieldMemberSpec member)
    {
        string read = MemberReads.Read(member.Read);
        string target = "fields." + Target(member.Field);
        switch (member.Kind)
        {
            case ScalarKind.String:
                writer.Line($"{target} = sink.Utf8({read});");
                break;
            case ScalarKind.Utf8Array or ScalarKind.Utf8Memory:
                string local = Utf8Local(member);
                writer.Line($"{target} = new {KnownNames.Marshalling}.CharSlice({local}Pointer, {local}.Length);");
                break;
            case ScalarKind.TraceId128:
                writer.Line($"global::System.UInt128 traceId = {read};");
                writer.Line("fields.TraceIdLow = unchecked((ulong)traceId);");
                writer.Line("fields.TraceIdHigh = unchecked((ulong)(traceId >> 64));");
                break;
            case ScalarKind.UnsignedId or ScalarKind.Nanoseconds:
                writer.Line($"{target} = {read};");
                break;
            case ScalarKind.SignedId:
                writer.Line($"{target} = unchecked((ulong){read});");
                break;
            case ScalarKind.UnsignedNanoseconds:
                writer.Line($"{target} = {SpanTime}.FromNanoseconds({read});");
                break;
            case ScalarKind.DateTime:
                writer.Line($"{target} = {SpanTime}.FromDateTime({read});");
                break;
            case ScalarKind.DateTimeOffset:
                writer.Line($"{target} = {SpanTime}.FromDateTimeOffset({read});");
                break;
            case ScalarKind.TimeSpan:
                writer.Line($"{target} = {SpanTime}.FromTimeSpan({read});");
                break;
            case ScalarKind.Seconds:
                writer.Line($"{target} = {SpanTime}.FromSeconds({read});");
                break;
            case ScalarKind.Boolean:
                writer.Line($"{target} = {read} ? 1 : 0;");
                break;
            case ScalarKind.NonZeroInt32:
                writer.Line($"{target} = {read} != 0 ? 1 : 0;");
                break;
            default:
                throw new InvalidOperationException("Unknown scalar kind: " + member.Kind);
        }
    }

    private static string Target(SpanField field) => field switch
    {
        SpanField.Type => "SpanType",
        SpanField.TraceId => "TraceIdLow",
        _ => field.ToString(),
    };

    private static string Camel(SpanField field)
    {
        string name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
