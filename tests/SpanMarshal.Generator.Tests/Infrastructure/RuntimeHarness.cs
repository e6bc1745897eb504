using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles user source through the generator (no warnings allowed), loads the assembly and
/// marshals the span that the source's <c>Probe.Create()</c> returns into a recording sink.
/// </summary>
internal static class RuntimeHarness
{
    public static Recording Marshal(string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
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

            var recording = new Recording();
            object?[] arguments = [span, new RecordingSink(recording)];
            marshaller.GetMethod("Marshal")!.MakeGenericMethod(typeof(RecordingSink)).Invoke(null, arguments);
            return recording;
        }
        finally
        {
            context.Unload();
        }
    }
}
