using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace SpanMarshal.Tests;

public class ServiceRatesTests
{
    [Fact]
    public void Parses_rate_by_service()
    {
        var rates = ServiceRates.Parse(Encoding.UTF8.GetBytes("""{"rate_by_service":{"service:web-store,env:prod":0.5,"service:,env:":1}}"""), NullLogger.Instance);

        Assert.Equal(2, rates.Count);
        Assert.Equal(0.5, rates["service:web-store,env:prod"]);
        Assert.Equal(1.0, rates["service:,env:"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("OK")]
    [InlineData("{\"rate_by_service\": [1,2]}")]
    [InlineData("{\"rate_by_service\": {\"service:a,env:b\": 0.5")]
    [InlineData("{\"rate_by_service\":{\"\\ud800\":1}}")]
    [InlineData("{\"rate_by_service\":{\"service:a,env:b\":0.5,\"\\udfff\\ud800\":1}}")]
    public void Empty_or_malformed_body_gives_no_rates_and_never_throws(string body)
    {
        var rates = ServiceRates.Parse(Encoding.UTF8.GetBytes(body), NullLogger.Instance);

        Assert.Empty(rates);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    public void A_key_of_invalid_utf8_gives_no_rates_and_a_warning(byte[] key)
    {
        byte[] body = [.. "{\"rate_by_service\":{\""u8, .. key, .. "\":1}}"u8];
        var logger = new Support.ListLogger();

        var rates = ServiceRates.Parse(body, logger);

        Assert.Empty(rates);
        Assert.Equal(1, logger.Count(eventId: 2));
    }
}
