using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    [Fact]
    public void StandardSchedule_IsTheStandardWebhooksOne_TenAttemptsOverAboutSeventyFiveAndAHalfHours()
    {
        var schedule = WebhookRetrySchedule.Standard;

        Assert.Equal(10, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.Zero, schedule.Delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Delays[1]);
        Assert.Equal(TimeSpan.FromHours(24), schedule.Delays[9]);
        Assert.Equal(TimeSpan.FromHours(75) + TimeSpan.FromMinutes(35) + TimeSpan.FromSeconds(5), schedule.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Theory]
    [InlineData(1, 5.0)]
    [InlineData(2, 300.0)]
    [InlineData(9, 86_400.0)]
    public void DelayAfter_WithoutJitterSample_IsTheScheduledDelayOfTheNextAttempt(int failedAttempts, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetrySchedule.Standard.DelayAfter(failedAttempts, null, random: 0.0));
    }

    [Fact]
    public void DelayAfter_JitterOnlyAddsAndStaysWithinTheRatio()
    {
        var schedule = new WebhookRetrySchedule([TimeSpan.Zero, TimeSpan.FromMinutes(10)], jitterRatio: 0.2);

        Assert.Equal(TimeSpan.FromMinutes(10), schedule.DelayAfter(1, null, 0.0));
        Assert.Equal(TimeSpan.FromMinutes(11), schedule.DelayAfter(1, null, 0.5));
        Assert.True(schedule.DelayAfter(1, null, 0.999_999) < TimeSpan.FromMinutes(12));
    }

    [Fact]
    public void DelayAfter_TheLastAttemptFailed_IsNull_TheScheduleIsExhausted()
    {
        Assert.Null(WebhookRetrySchedule.Standard.DelayAfter(10, null, 0.0));
        Assert.Null(WebhookRetrySchedule.Standard.DelayAfter(11, TimeSpan.FromSeconds(1), 0.0));
    }

    [Fact]
    public void DelayAfter_RetryAfterLongerThanTheSchedule_IsHonoured()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), WebhookRetrySchedule.Standard.DelayAfter(1, TimeSpan.FromMinutes(2), 0.0));
    }

    [Fact]
    public void DelayAfter_RetryAfterShorterThanTheSchedule_KeepsTheSchedule()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), WebhookRetrySchedule.Standard.DelayAfter(2, TimeSpan.FromSeconds(1), 0.0));
    }

    [Fact]
    public void DelayAfter_RetryAfterBeyondADay_IsCutToADay()
    {
        Assert.Equal(WebhookRetrySchedule.MaxRetryAfter, WebhookRetrySchedule.Standard.DelayAfter(1, TimeSpan.FromDays(30), 0.0));
    }

    [Fact]
    public void Constructor_NegativeDelayOrEmptySchedule_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new WebhookRetrySchedule([], 0.1));
        Assert.Throws<ArgumentException>(() => new WebhookRetrySchedule([TimeSpan.FromSeconds(-1)], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookRetrySchedule([TimeSpan.Zero], 1.5));
    }
}
