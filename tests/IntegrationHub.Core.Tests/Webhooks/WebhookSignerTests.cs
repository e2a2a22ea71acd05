using System.Text;
using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Sign_OfficialTestVector_ReproducesTheSignature()
    {
        var signature = WebhookSigner.Sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330),
            Encoding.UTF8.GetBytes("{\"test\": 2432232314}"),
            [WebhookSecret.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Headers_OfficialTestVector_GivesIdUnixSecondsAndSignature()
    {
        var headers = WebhookSigner.Headers(
            StandardWebhooksTestVector.MessageId,
            StandardWebhooksTestVector.Timestamp,
            StandardWebhooksTestVector.Payload,
            [StandardWebhooksTestVector.ParsedSecret]);

        Assert.Equal(StandardWebhooksTestVector.Headers, headers);
    }

    [Fact]
    public void Sign_DuringRotation_SignsWithEverySecretInOrder()
    {
        var newSecret = WebhookSecret.Generate();
        var oldSecret = StandardWebhooksTestVector.ParsedSecret;
        var body = StandardWebhooksTestVector.Payload;
        var id = StandardWebhooksTestVector.MessageId;
        var at = StandardWebhooksTestVector.Timestamp;

        var signature = WebhookSigner.Sign(id, at, body, [newSecret, oldSecret]);

        Assert.Equal(
            [WebhookSigner.Sign(id, at, body, [newSecret]), StandardWebhooksTestVector.Signature],
            signature.Split(' '));
    }

    [Fact]
    public void ApplyTo_OutgoingRequest_CarriesTheThreeStandardHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://subscriber.example/hook");

        StandardWebhooksTestVector.Headers.ApplyTo(request.Headers);

        Assert.Equal(StandardWebhooksTestVector.MessageId, Assert.Single(request.Headers.GetValues("webhook-id")));
        Assert.Equal("1614265330", Assert.Single(request.Headers.GetValues("webhook-timestamp")));
        Assert.Equal(StandardWebhooksTestVector.Signature, Assert.Single(request.Headers.GetValues("webhook-signature")));
    }

    [Fact]
    public void Sign_MessageIdWithDot_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookSigner.Sign(
            "msg.1", StandardWebhooksTestVector.Timestamp, StandardWebhooksTestVector.Payload, [StandardWebhooksTestVector.ParsedSecret]));
    }

    [Fact]
    public void Sign_NoSecrets_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookSigner.Sign(
            StandardWebhooksTestVector.MessageId, StandardWebhooksTestVector.Timestamp, StandardWebhooksTestVector.Payload, []));
    }
}
