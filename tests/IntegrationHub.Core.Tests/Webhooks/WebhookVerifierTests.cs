using System.Text;
using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

public sealed class WebhookVerifierTests
{
    private static readonly WebhookSecret[] VectorSecret = [StandardWebhooksTestVector.ParsedSecret];

    [Fact]
    public void Verify_OfficialTestVectorAtItsTime_IsValid()
    {
        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, StandardWebhooksTestVector.Headers, VectorSecret, StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.Valid, result);
    }

    [Fact]
    public void Verify_TamperedBody_HasNoMatchingSignature()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"test\": 2432232315}");

        var result = WebhookVerifier.Verify(
            tampered, StandardWebhooksTestVector.Headers, VectorSecret, StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.NoMatchingSignature, result);
    }

    [Fact]
    public void Verify_ReserializedBody_HasNoMatchingSignature()
    {
        var compact = Encoding.UTF8.GetBytes("{\"test\":2432232314}");

        var result = WebhookVerifier.Verify(
            compact, StandardWebhooksTestVector.Headers, VectorSecret, StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.NoMatchingSignature, result);
    }

    [Fact]
    public void Verify_TimestampSixMinutesOld_IsTooOld()
    {
        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, StandardWebhooksTestVector.Headers, VectorSecret,
            StandardWebhooksTestVector.ClockAt(TimeSpan.FromMinutes(6)));

        Assert.Equal(WebhookVerificationResult.TimestampTooOld, result);
    }

    [Fact]
    public void Verify_TimestampSixMinutesInTheFuture_IsTooNew()
    {
        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, StandardWebhooksTestVector.Headers, VectorSecret,
            StandardWebhooksTestVector.ClockAt(TimeSpan.FromMinutes(-6)));

        Assert.Equal(WebhookVerificationResult.TimestampTooNew, result);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void Verify_TimestampWithinFiveMinutes_IsValid(int clockOffsetSeconds)
    {
        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, StandardWebhooksTestVector.Headers, VectorSecret,
            StandardWebhooksTestVector.ClockAt(TimeSpan.FromSeconds(clockOffsetSeconds)));

        Assert.Equal(WebhookVerificationResult.Valid, result);
    }

    // NuGet StandardWebhooks 1.1.2 (Codefactors) never checks the last of several signatures (FEEDS.md §1).
    [Fact]
    public void Verify_ValidSignatureLastOfTwo_IsValid()
    {
        var otherKeySignature = WebhookSigner.Sign(
            StandardWebhooksTestVector.MessageId, StandardWebhooksTestVector.Timestamp, StandardWebhooksTestVector.Payload,
            [WebhookSecret.Generate()]);
        var headers = StandardWebhooksTestVector.Headers with { Signature = otherKeySignature + " " + StandardWebhooksTestVector.Signature };

        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, headers, VectorSecret, StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.Valid, result);
    }

    [Fact]
    public void Verify_ValidSignatureBesideOtherSchemes_IsValid()
    {
        var headers = StandardWebhooksTestVector.Headers with
        {
            Signature = "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg== garbage "
                + StandardWebhooksTestVector.Signature,
        };

        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, headers, VectorSecret, StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.Valid, result);
    }

    [Fact]
    public void Verify_RotationHeader_IsValidForASubscriberHoldingEitherSecret()
    {
        var newSecret = WebhookSecret.Generate();
        var oldSecret = StandardWebhooksTestVector.ParsedSecret;
        var headers = WebhookSigner.Headers(
            StandardWebhooksTestVector.MessageId, StandardWebhooksTestVector.Timestamp, StandardWebhooksTestVector.Payload, [newSecret, oldSecret]);
        var clock = StandardWebhooksTestVector.ClockAt(TimeSpan.Zero);

        Assert.Equal(WebhookVerificationResult.Valid, WebhookVerifier.Verify(StandardWebhooksTestVector.Payload, headers, [oldSecret], clock));
        Assert.Equal(WebhookVerificationResult.Valid, WebhookVerifier.Verify(StandardWebhooksTestVector.Payload, headers, [newSecret], clock));
        Assert.Equal(
            WebhookVerificationResult.NoMatchingSignature,
            WebhookVerifier.Verify(StandardWebhooksTestVector.Payload, headers, [WebhookSecret.Generate()], clock));
    }

    [Fact]
    public void Verify_SubscriberHoldingOldAndNewSecret_AcceptsMessageSignedWithNewOnly()
    {
        var newSecret = WebhookSecret.Generate();
        var headers = WebhookSigner.Headers(
            StandardWebhooksTestVector.MessageId, StandardWebhooksTestVector.Timestamp, StandardWebhooksTestVector.Payload, [newSecret]);

        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, headers, [StandardWebhooksTestVector.ParsedSecret, newSecret],
            StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.Valid, result);
    }

    [Theory]
    [InlineData("msg.p5jXN8AQM9LWM0D4loKWxJek", "1614265330")]
    [InlineData("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330.0")]
    [InlineData("msg_p5jXN8AQM9LWM0D4loKWxJek", "-1614265330")]
    [InlineData("msg_p5jXN8AQM9LWM0D4loKWxJek", "2021-02-25T15:02:10Z")]
    public void Verify_IdOrTimestampMalformed_IsRejected(string id, string timestamp)
    {
        var headers = StandardWebhooksTestVector.Headers with { Id = id, Timestamp = timestamp };

        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, headers, VectorSecret, StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.MalformedHeader, result);
    }

    [Fact]
    public void Verify_MissingSignatureHeader_IsRejected()
    {
        var headers = WebhookHeaders.Read(name => name == WebhookHeaders.SignatureName ? null : name switch
        {
            WebhookHeaders.IdName => StandardWebhooksTestVector.MessageId,
            _ => "1614265330",
        });

        var result = WebhookVerifier.Verify(
            StandardWebhooksTestVector.Payload, headers, VectorSecret, StandardWebhooksTestVector.ClockAt(TimeSpan.Zero));

        Assert.Equal(WebhookVerificationResult.MissingHeader, result);
    }
}
