using System.Diagnostics.CodeAnalysis;

// RS0026 guards against overloads that differ only in optional parameters, where a call that
// omits them could bind to either. Send and SendAsync each come in two overloads that differ in
// generic arity instead: TMarshaller can never be inferred, so Send(traces) and
// SendAsync(traces) always mean the one-type-parameter overload.
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Scope = "member",
    Target = "~M:SpanMarshal.TraceExporter.Send``1(System.Collections.Generic.IReadOnlyList{System.Collections.Generic.IReadOnlyList{``0}},System.Threading.CancellationToken)~SpanMarshal.TraceExporterResponse",
    Justification = "Overloads differ in generic arity; TMarshaller is never inferred.")]
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Scope = "member",
    Target = "~M:SpanMarshal.TraceExporter.Send``2(System.Collections.Generic.IReadOnlyList{System.Collections.Generic.IReadOnlyList{``0}},System.Threading.CancellationToken)~SpanMarshal.TraceExporterResponse",
    Justification = "Overloads differ in generic arity; TMarshaller is never inferred.")]
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Scope = "member",
    Target = "~M:SpanMarshal.TraceExporter.SendAsync``1(System.Collections.Generic.IReadOnlyList{System.Collections.Generic.IReadOnlyList{``0}},System.Threading.CancellationToken)~System.Threading.Tasks.Task{SpanMarshal.TraceExporterResponse}",
    Justification = "Overloads differ in generic arity; TMarshaller is never inferred.")]
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Scope = "member",
    Target = "~M:SpanMarshal.TraceExporter.SendAsync``2(System.Collections.Generic.IReadOnlyList{System.Collections.Generic.IReadOnlyList{``0}},System.Threading.CancellationToken)~System.Threading.Tasks.Task{SpanMarshal.TraceExporterResponse}",
    Justification = "Overloads differ in generic arity; TMarshaller is never inferred.")]
