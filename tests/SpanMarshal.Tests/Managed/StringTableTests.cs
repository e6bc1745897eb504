using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SpanMarshal.Pipelines.Managed;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>The v0.5 string table's content index.</summary>
public class StringTableTests
{
    // URLs of one length that differ only in their last characters, as consecutive ids make them. The table
    // probes linearly from the hash's low bits, so hashes that agree there make every lookup walk the run.
    [Theory]
    [InlineData("https://shop.example/api/products/")]
    [InlineData("/api/products/")]
    [InlineData("/p/")]
    public void Strings_differing_only_at_the_end_spread_over_the_buckets(string prefix)
    {
        const int Count = 1000;
        const int BucketBits = 11;
        var buckets = new HashSet<int>();
        for (int id = 0; id < Count; id++)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(prefix + (10000 + id).ToString(CultureInfo.InvariantCulture));
            buckets.Add(StringTable.Hash(utf8) & ((1 << BucketBits) - 1));
        }

        // 1000 keys thrown at random into 2048 buckets fill about 800 of them.
        Assert.True(buckets.Count > 700, $"{Count} strings fell into {buckets.Count} of {1 << BucketBits} buckets");
    }

    [Fact]
    public void Equal_bytes_hash_equal_whatever_their_length()
    {
        for (int length = 0; length <= 40; length++)
        {
            byte[] utf8 = [.. Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26)))];
            Assert.Equal(StringTable.Hash(utf8), StringTable.Hash(utf8.ToArray()));
            if (length > 0)
            {
                byte[] other = utf8.ToArray();
                other[^1] ^= 1;
                Assert.NotEqual(StringTable.Hash(utf8), StringTable.Hash(other));
            }
        }
    }
}
