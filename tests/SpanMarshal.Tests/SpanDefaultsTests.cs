using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>
/// Service, Environment, Version and HostName change what both pipelines send, the same way: the
/// exporter's service for spans that name none, and the env, version and _dd.hostname tags.
/// </summary>
public class SpanDefaultsTests : NativeTest
{
    private static void AllDefaults(TraceExporterOptions options)
    {
        options.Service = "my-app";
        options.Environment = "prod";
        options.Version = "2.1.0";
        options.HostName = "host-7";
    }

    private static Task<(TraceExporterResponse Response, IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received)> SendAsync(
        TracePipelineKind pipeline, IReadOnlyList<IReadOnlyList<TestSpan>> traces, Action<TraceExporterOptions>? configure = null)
        => BothPipelines.SendAsync(pipeline, exporter => exporter.Send<TestSpan, TestSpanMarshaller>(traces), configure: configure);

    private static TestSpan Span(ulong id, string? service, Dictionary<string, string?>? meta = null)
        => new() { SpanId = id, Service = service, Meta = meta ?? new() };

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_span_with_no_service_is_sent_with_the_exporters_service_and_one_with_a_service_keeps_it(TracePipelineKind pipeline)
    {
        (TraceExporterResponse response, var received) = await SendAsync(
            pipeline, Batch.Of([Span(1, null), Span(2, ""), Span(3, "redis")]), configure: o => o.Service = "my-app");

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(["my-app", "my-app", "redis"], received.SelectMany(t => t).Select(s => s.Service));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Environment_and_host_name_tag_every_span_and_version_the_spans_of_the_exporters_service(TracePipelineKind pipeline)
    {
        (_, var received) = await SendAsync(
            pipeline, Batch.Of([Span(1, null), Span(2, "my-app"), Span(3, "redis")]), configure: AllDefaults);

        ReceivedSpan[] spans = [.. received.SelectMany(t => t)];
        Assert.All(spans, s => Assert.Equal(("prod", "host-7"), (s.Meta["env"], s.Meta["_dd.hostname"])));
        Assert.Equal(["2.1.0", "2.1.0", null], spans.Select(s => s.Meta.GetValueOrDefault("version")));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_spans_own_env_version_and_host_name_win_over_the_exporters(TracePipelineKind pipeline)
    {
        var own = new Dictionary<string, string?> { ["env"] = "canary", ["version"] = "2.2.0-rc1", ["_dd.hostname"] = "edge-1", ["http.method"] = "GET" };
        var nullTags = new Dictionary<string, string?> { ["env"] = null, ["version"] = null };

        (_, var received) = await SendAsync(pipeline, Batch.Of([Span(1, null, own), Span(2, null, nullTags)]), configure: AllDefaults);

        ReceivedSpan[] spans = [.. received.SelectMany(t => t)];
        Assert.Equal(own, spans[0].Meta.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

        // A tag the span left null sends nothing, so the exporter's value applies.
        Assert.Equal(("prod", "2.1.0"), (spans[1].Meta["env"], spans[1].Meta["version"]));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Without_defaults_nothing_is_added(TracePipelineKind pipeline)
    {
        (_, var received) = await SendAsync(pipeline, Batch.Of([Span(1, null, new() { ["a"] = "b" })]));

        ReceivedSpan span = received.SelectMany(t => t).Single();
        Assert.Equal(("", "a=b"), (span.Service, string.Join(",", span.Meta.Select(kv => kv.Key + "=" + kv.Value))));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Changing_the_options_after_the_exporter_was_created_changes_nothing(TracePipelineKind pipeline)
    {
        await using TestAgent agent = TestAgent.Start();
        TraceExporterOptions options = BothPipelines.Options(pipeline, agent);
        AllDefaults(options);
        using var exporter = TraceExporter.Create(options);

        options.Service = "other";
        options.Environment = "staging";
        options.Version = "9.9.9";
        options.HostName = "elsewhere";
        options.Language = "go";
        options.AgentUrl = new Uri("http://127.0.0.1:1");
        options.SendTimeout = TimeSpan.FromMilliseconds(1);
        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Batch.Of([Span(1, null)]));

        Assert.True(response.IsOk, response.ToString());
        ReceivedSpan span = BothPipelines.Received(pipeline, agent).SelectMany(t => t).Single();
        Assert.Equal(("my-app", "prod", "2.1.0", "host-7"), (span.Service, span.Meta["env"], span.Meta["version"], span.Meta["_dd.hostname"]));
        if (pipeline == TracePipelineKind.Managed)
        {
            Assert.Equal("dotnet", Assert.Single(agent.Requests).Header("Datadog-Meta-Lang"));
        }
    }
}
