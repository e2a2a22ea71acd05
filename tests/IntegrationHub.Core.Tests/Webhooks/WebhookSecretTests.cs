using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

public sealed class WebhookSecretTests
{
    [Fact]
    public void Parse_OfficialVectorSecret_ExportsTheSameText()
    {
        var secret = WebhookSecret.Parse(StandardWebhooksTestVector.Secret);

        Assert.Equal(StandardWebhooksTestVector.Secret, secret.Export());
    }

    [Fact]
    public void Generate_GivesThirtyTwoRandomBytesThatParseBack()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();

        var exported = first.Export();
        Assert.StartsWith("whsec_", exported, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(exported["whsec_".Length..]).Length);
        Assert.Equal(exported, WebhookSecret.Parse(exported).Export());
        Assert.NotEqual(exported, second.Export());
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var secret = WebhookSecret.Parse(StandardWebhooksTestVector.Secret);

        var text = secret.ToString();
        Assert.DoesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MfKQ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(StandardWebhooksTestVector.Secret, $"{secret}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")] // no prefix
    [InlineData("whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")] // an ed25519 secret key prefix
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")] // 5 bytes: below the 24 the spec asks for
    public void Parse_MalformedSecret_ThrowsWithoutEchoingIt(string text)
    {
        var exception = Assert.Throws<FormatException>(() => WebhookSecret.Parse(text));

        // The prefix alone is no secret; anything longer might be a real key with a typo.
        if (text.Length > WebhookSecret.Prefix.Length)
            Assert.DoesNotContain(text, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyLongerThanSixtyFourBytes_Throws()
    {
        var text = "whsec_" + Convert.ToBase64String(new byte[65]);

        Assert.False(WebhookSecret.TryParse(text, out _));
    }
}
