using System.Text;
using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

/// <summary>
/// The official Standard Webhooks test vector (FEEDS.md §1), shared by the reference libraries in every language.
/// </summary>
internal static class StandardWebhooksTestVector
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    public const long UnixSeconds = 1614265330;
    public const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // Exact bytes, including the space after the colon.
    public static byte[] Payload => Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

    public static DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeSeconds(UnixSeconds);

    public static WebhookSecret ParsedSecret => WebhookSecret.Parse(Secret);

    public static WebhookHeaders Headers => new(MessageId, "1614265330", Signature);

    public static TimeProvider ClockAt(TimeSpan offsetFromTimestamp) => new FixedTimeProvider(Timestamp + offsetFromTimestamp);
}
