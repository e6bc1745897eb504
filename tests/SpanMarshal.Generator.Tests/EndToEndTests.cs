using SpanMarshal.Generator.Tests.EndToEnd;
using SpanMarshal.Generator.Tests.Infrastructure;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Generator.Tests;

public sealed class EndToEndTests
{
    [Fact]
    public void The_build_runs_the_generator_and_registers_the_marshaller()
    {
        Assert.True(TraceMarshallers.IsRegistered<EndToEndSpan>());

        var recording = new Recording();
        var sink = new RecordingSink(recording);
        EndToEndSpan.EndToEndSpanTraceMarshaller.Marshal(new EndToEndSpan(), ref sink);

        Assert.Equal("e2e.op", recording.Name);
        Assert.Equal("e2e", recording.Service);
        Assert.Equal(5UL, recording.SpanId);
        Assert.Equal(300L, recording.Duration);
        Assert.Equal([new("k", "v")], recording.Meta);
    }
}
