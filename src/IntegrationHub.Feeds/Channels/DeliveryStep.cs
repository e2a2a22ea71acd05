namespace IntegrationHub.Feeds.Channels;

/// <summary>What one "deliver what is pending" step came to, and the gap it found when retention overtook the cursor.</summary>
public sealed record DeliveryStep(DeliveryStepOutcome Outcome, ChangeLogGap? Gap = null)
{
    public static DeliveryStep Inactive { get; } = new(DeliveryStepOutcome.Inactive);

    public static DeliveryStep NotMine { get; } = new(DeliveryStepOutcome.NotMine);

    /// <summary>Whether the next step should follow at once (more is pending, or the cursor changed under this one).</summary>
    public bool RunAgain => Outcome == DeliveryStepOutcome.More;
}
