using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles user source through the generator (no warnings allowed), loads the assembly and
/// marshals the span that the source's <c>Probe.Create()</c> returns.
/// </summary>
internal static class RuntimeHarness
{
    private delegate void MarshalToNullSink<TSpan>(TSpan span, ref NullSink sink);

    /// <summary>Marshals the probe's span into a recording sink.</summary>
    public static Recording Marshal(string source, bool checkOverflow = false)
        => WithLoaded(source, checkOverflow, (span, marshaller) =>
        {
            var recording = new Recording();
            object?[] arguments = [span, new RecordingSink(recording)];
            marshaller.GetMethod("Marshal")!.MakeGenericMethod(typeof(RecordingSink)).Invoke(null, arguments);
            return recording;
        });

    /// <summary>Bytes allocated on this thread by marshalling the probe's span 1,000 times into a sink that allocates nothing.</summary>
    public static long AllocatedBytesFor1000Spans(string source)
        => WithLoaded(source, checkOverflow: false, (span, marshaller) =>
        {
            Type spanType = span.GetType();
            Delegate marshal = marshaller.GetMethod("Marshal")!.MakeGenericMethod(typeof(NullSink))
                .CreateDelegate(typeof(MarshalToNullSink<>).MakeGenericType(spanType));
            return (long)typeof(RuntimeHarness).GetMethod(nameof(Measure), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(spanType).Invoke(null, [marshal, span])!;
        });

    private static long Measure<TSpan>(MarshalToNullSink<TSpan> marshal, TSpan span)
    {
        var sink = default(NullSink);
        marshal(span, ref sink);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            marshal(span, ref sink);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static T WithLoaded<T>(string source, bool checkOverflow, Func<object, Type, T> use)
    {
        CSharpCompilation compilation = TestCompilation.Create(source);
        GeneratorOutcome outcome = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithOverflowChecks(checkOverflow)));
        Assert.Empty(TestCompilation.Problems(outcome.Output));
        using var image = new MemoryStream();
        EmitResult emitted = outcome.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;

        var context = new AssemblyLoadContext("spans", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            object span = assembly.GetTypes().Single(t => t.Name == "Probe").GetMethod("Create")!.Invoke(null, null)!;
            Type marshaller = assembly.GetTypes().Single(t => t.GetInterfaces().Contains(typeof(ITraceMarshaller<>).MakeGenericType(span.GetType())));
            bool registered = (bool)typeof(TraceMarshallers).GetMethod(nameof(TraceMarshallers.IsRegistered))!
                .MakeGenericMethod(span.GetType()).Invoke(null, null)!;
            Assert.True(registered, "the module initializer did not register the marshaller");
            return use(span, marshaller);
        }
        finally
        {
            context.Unload();
        }
    }
}
