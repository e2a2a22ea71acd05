using System.Buffers.Text;
using System.Text;
using IntegrationHub.Feeds;

namespace IntegrationHub.Core.Tests.Feeds;

public sealed class FeedCursorTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void TryDecode_EncodedSequence_GivesItBack(long sequence)
    {
        var cursor = FeedCursor.Encode(sequence);

        Assert.True(FeedCursor.TryDecode(cursor, out var decoded));
        Assert.Equal(sequence, decoded);
    }

    [Fact]
    public void Encode_IsBase64UrlOfVersionedSequence()
    {
        var cursor = FeedCursor.Encode(42);

        Assert.Equal("v1:42", Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)));
        Assert.DoesNotContain('=', cursor);
    }

    [Fact]
    public void Encode_NegativeSequence_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedCursor.Encode(-1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("not a cursor")]
    [InlineData("djE6NDI=")] // v1:42 with padding: a second spelling of a valid cursor
    [InlineData("djE6LTE")] // v1:-1
    [InlineData("djI6NDI")] // v2:42
    [InlineData("djE6")] // v1: without a number
    [InlineData("djE6MDQy")] // v1:042
    [InlineData("djE6NDIg")] // "v1:42 "
    [InlineData("djE6OTIyMzM3MjAzNjg1NDc3NTgwOA")] // v1:9223372036854775808 (long overflow)
    public void TryDecode_MalformedCursor_IsFalse(string? cursor)
    {
        Assert.False(FeedCursor.TryDecode(cursor, out var sequence));
        Assert.Equal(0, sequence);
    }
}
