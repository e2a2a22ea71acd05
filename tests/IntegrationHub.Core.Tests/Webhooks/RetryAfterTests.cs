using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_DelaySeconds_IsThatManySeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Parse("120", Now));
    }

    [Fact]
    public void Parse_HttpDate_IsTheTimeUntilThen()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), RetryAfter.Parse("Fri, 01 May 2026 08:30:00 GMT", Now));
    }

    [Fact]
    public void Parse_HttpDateInThePast_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("Fri, 01 May 2026 07:00:00 GMT", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Parse_AbsentOrUnreadable_IsNull(string? text)
    {
        Assert.Null(RetryAfter.Parse(text, Now));
    }
}
