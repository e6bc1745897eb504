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
    public void Empty_or_malformed_body_gives_no_rates_and_never_throws(string body)
    {
        var rates = ServiceRates.Parse(Encoding.UTF8.GetBytes(body), NullLogger.Instance);

        Assert.Empty(rates);
    }
}
