using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;

namespace SpanMarshal;

/// <summary>Parses the agent's <c>{"rate_by_service": {"service:NAME,env:ENV": rate}}</c> answer.</summary>
internal static class ServiceRates
{
    /// <summary>No rates (shared, never changed).</summary>
    public static IReadOnlyDictionary<string, double> None { get; } = new Dictionary<string, double>();

    /// <summary>The rates in <paramref name="body"/>; an empty or unreadable body gives no rates and a log line, never an exception.</summary>
    public static IReadOnlyDictionary<string, double> Parse(ReadOnlySpan<byte> body, ILogger logger)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        if (body.IsEmpty)
        {
            return rates;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("the body is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isRates = reader.ValueTextEquals("rate_by_service"u8);
                reader.Read();
                if (!isRates || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double rate))
                    {
                        rates[key] = rate;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a key with invalid UTF-8 or an escaped lone surrogate. The agent
            // has accepted the traces by now, so nothing it sends may turn the send into a failure.
            Log.MalformedServiceRates(logger, ex.Message);
            rates.Clear();
        }

        return rates;
    }
}
