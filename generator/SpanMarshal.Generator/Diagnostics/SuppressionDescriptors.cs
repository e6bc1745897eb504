using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>
/// The warnings <see cref="MarshalledMemberSuppressor"/> suppresses on members the generated
/// marshaller reads, one descriptor per suppressed id.
/// </summary>
internal static class SuppressionDescriptors
{
    private const string ReadByMarshaller = "The generated trace marshaller reads this member";

    public static readonly ImmutableArray<SuppressionDescriptor> All = ImmutableArray.Create(
        // Reported because the marshaller reads the member through [UnsafeAccessor], which the compiler does not count as a read.
        new SuppressionDescriptor("SMS001", "CS0169", ReadByMarshaller),
        new SuppressionDescriptor("SMS002", "CS0414", ReadByMarshaller),
        new SuppressionDescriptor("SMS003", "IDE0051", ReadByMarshaller),
        new SuppressionDescriptor("SMS004", "IDE0052", ReadByMarshaller),
        new SuppressionDescriptor("SMS005", "CA1823", ReadByMarshaller),
        // Making the member static, as CA1822 suggests, would take it out of the marshaller.
        new SuppressionDescriptor("SMS006", "CA1822", ReadByMarshaller + " as instance state; a static member would not be sent"));

    private static readonly ImmutableDictionary<string, SuppressionDescriptor> BySuppressedId =
        All.ToImmutableDictionary(d => d.SuppressedDiagnosticId);

    /// <summary>The descriptor that suppresses <paramref name="diagnosticId"/>, or null when it is not one of ours.</summary>
    public static SuppressionDescriptor? For(string diagnosticId)
        => BySuppressedId.TryGetValue(diagnosticId, out SuppressionDescriptor? descriptor) ? descriptor : null;
}
