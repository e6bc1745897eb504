using System;
using System.Linq;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>Classification as libdatadog and the reference binding do it.</summary>
public class TraceExporterResponseTests
{
    [Fact]
    public void Only_HttpClient_and_HttpServer_are_client_and_server_errors_everything_else_is_internal()
    {
        foreach (TraceExporterErrorCode code in Enum.GetValues<TraceExporterErrorCode>())
        {
            TraceExporterStatus expected = code switch
            {
                TraceExporterErrorCode.HttpClient => TraceExporterStatus.ClientError,
                TraceExporterErrorCode.HttpServer => TraceExporterStatus.ServerError,
                _ => TraceExporterStatus.InternalError,
            };
            Assert.Equal(expected, TraceExporterResponse.Classify(code));
        }
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(204, null)]
    [InlineData(400, TraceExporterErrorCode.HttpClient)]
    [InlineData(404, TraceExporterErrorCode.HttpClient)]
    [InlineData(498, TraceExporterErrorCode.HttpClient)]
    [InlineData(499, TraceExporterErrorCode.HttpUnknown)]
    [InlineData(500, TraceExporterErrorCode.HttpServer)]
    [InlineData(503, TraceExporterErrorCode.HttpServer)]
    [InlineData(302, TraceExporterErrorCode.HttpUnknown)]
    public void Http_statuses_map_like_libdatadog(int status, TraceExporterErrorCode? expected)
        => Assert.Equal(expected, TraceExporterResponse.ErrorCodeForHttpStatus(status));

    [Fact]
    public void The_flags_follow_the_status_and_the_http_code()
    {
        var notFound = new TraceExporterResponse(TraceExporterStatus.ClientError, 1, default, default, null, 404, TraceExporterErrorCode.HttpClient, "not found");
        var ok = new TraceExporterResponse(TraceExporterStatus.Ok, 2, default, default, null, 200);

        Assert.Equal((false, true, false, false, true, false), (notFound.IsOk, notFound.IsClientError, notFound.IsServerError, notFound.IsInternalError, notFound.IsNotFound, notFound.IsUnsupported));
        Assert.Equal((true, 2, 0), (ok.IsOk, ok.TraceCount, ok.ServiceRates.Count));
        Assert.Equal(1, new[] { ok.IsOk, ok.IsClientError, ok.IsServerError, ok.IsInternalError }.Count(f => f));
    }
}
