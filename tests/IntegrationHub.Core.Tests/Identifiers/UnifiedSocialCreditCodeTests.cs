using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Core.Tests.Identifiers;

public sealed class UnifiedSocialCreditCodeTests
{
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    [Fact]
    public void Check_ValidHuaweiUscc_IsValid()
    {
        var result = UnifiedSocialCreditCode.Check("914403001922038216");

        Assert.Equal(IdentifierVerdict.Valid, result.Verdict);
        Assert.Equal("uscc", result.Rule);
        Assert.Empty(result.ReasonEn);
        Assert.Empty(result.ReasonZh);
    }

    [Theory]
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("91440300708461136T")] // Tencent entity
    [InlineData("91330100799655058B")] // 阿里巴巴(中国)有限公司
    [InlineData("91110108551385082Q")] // 小米科技有限责任公司
    [InlineData("91512081MA62K0260E")] // worked example
    [InlineData("11420000MB15291767")] // 湖北省药品监督管理局, prefix 11
    public void Check_DomainTestValue_IsValid(string value)
    {
        Assert.Equal(IdentifierVerdict.Valid, UnifiedSocialCreditCode.Check(value).Verdict);
    }

    [Theory]
    [InlineData("914403001922038217", "uscc.checksum")]
    [InlineData("91110000800088421P", "uscc.checksum")]
    [InlineData("9133010057462616XH", "uscc.checksum")]
    [InlineData("91350100M000100Y4Z", "uscc.charset")]
    public void Check_DomainInvalidTestValue_IsInvalidUnderRule(string value, string rule)
    {
        var result = UnifiedSocialCreditCode.Check(value);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.False(result.IsValid);
        Assert.Equal(rule, result.Rule);
    }

    [Fact]
    public void Check_WrongCheckCharacter_ExplainsExpectedAndActualInBothLanguages()
    {
        var result = UnifiedSocialCreditCode.Check("914403001922038217");

        Assert.Equal(
            "USCC \"914403001922038217\": check character is \"7\" but should be \"6\" (GB 32100-2015).",
            result.ReasonEn);
        Assert.Equal("统一社会信用代码“914403001922038217”校验码应为“6”，实际为“7”（GB 32100-2015）。", result.ReasonZh);
    }

    [Theory]
    [InlineData("91512081ma62k0260e")]
    [InlineData("  91512081MA62K0260E\t")]
    [InlineData("91440300708461136t")]
    public void Check_LowerCaseOrPaddedValidCode_IsValid(string value)
    {
        Assert.Equal(IdentifierVerdict.Valid, UnifiedSocialCreditCode.Check(value).Verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("91440300192203821")]
    [InlineData("9144030019220382166")]
    [InlineData("91440300-192203821-6")]
    public void Check_WrongLength_IsInvalidLength(string value)
    {
        var result = UnifiedSocialCreditCode.Check(value);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("uscc.length", result.Rule);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Check_ForbiddenLetter_IsInvalidCharset(char forbidden)
    {
        var value = "91512081" + forbidden + "A62K0260E";

        var result = UnifiedSocialCreditCode.Check(value);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("uscc.charset", result.Rule);
        Assert.Contains($"\"{forbidden}\" at position 9", result.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("第9位", result.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownPrefixWithCorrectChecksum_IsFlaggedNotRejected()
    {
        var body = "95440300192203821"; // 95 is not in the known-prefix list
        var value = body + UnifiedSocialCreditCode.ComputeCheckCharacter(body);

        var result = UnifiedSocialCreditCode.Check(value);

        Assert.Equal(IdentifierVerdict.Flagged, result.Verdict);
        Assert.True(result.IsValid);
        Assert.Equal("uscc.prefix-unknown", result.Rule);
        Assert.Contains("\"95\"", result.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("“95”", result.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InnerOrganizationCodeWithBadCheck_IsFlaggedNotRejected()
    {
        var body = "91440300192203822"; // inner 19220382-2, should be -1
        var value = body + UnifiedSocialCreditCode.ComputeCheckCharacter(body);

        var result = UnifiedSocialCreditCode.Check(value);

        Assert.Equal(IdentifierVerdict.Flagged, result.Verdict);
        Assert.True(result.IsValid);
        Assert.Equal("uscc.inner-organization-code", result.Rule);
        Assert.Contains("\"192203822\"", result.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("should be \"1\"", result.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("应为“1”", result.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BadChecksumAndUnknownPrefix_ReportsChecksumFirst()
    {
        var result = UnifiedSocialCreditCode.Check("954403001922038210");

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("uscc.checksum", result.Rule);
    }

    [Theory]
    [InlineData("91440300192203821", '6')]
    [InlineData("91512081ma62k0260", 'E')]
    [InlineData("11420000MB1529176", '7')]
    public void ComputeCheckCharacter_KnownBody_ReturnsPublishedCheckCharacter(string first17, char expected)
    {
        Assert.Equal(expected, UnifiedSocialCreditCode.ComputeCheckCharacter(first17));
    }

    [Theory]
    [InlineData("9144030019220382")]
    [InlineData("9144030019220382I")]
    public void ComputeCheckCharacter_MalformedBody_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter(first17));
    }

    [Fact]
    public void ComputeCheckCharacter_RandomBodies_CheckAcceptsAndRejectsAnyOtherLastCharacter()
    {
        var random = new Random(20240517);
        var failures = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var body = new string(Enumerable.Range(0, 17).Select(_ => Charset[random.Next(Charset.Length)]).ToArray());
            var check = UnifiedSocialCreditCode.ComputeCheckCharacter(body);
            var wrong = OtherThan(check, random);

            // A random body may carry an unknown prefix or a bad inner code: flagged, never rejected.
            if (!UnifiedSocialCreditCode.Check(body + check).IsValid)
            {
                failures.Add($"{body}{check} rejected");
            }

            var tampered = UnifiedSocialCreditCode.Check(body + wrong);
            if (tampered.Verdict != IdentifierVerdict.Invalid || tampered.Rule != "uscc.checksum")
            {
                failures.Add($"{body}{wrong} gave {tampered.Verdict} {tampered.Rule}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void ComputeCheckCharacter_RandomWellFormedBodies_CheckGivesValid()
    {
        string[] prefixes = ["11", "12", "52", "91", "92", "93", "Y1"];
        var random = new Random(7);
        var failures = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var region = random.Next(110000, 660000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var orgBody = new string(Enumerable.Range(0, 8).Select(_ => Charset[random.Next(Charset.Length)]).ToArray());
            var body = prefixes[random.Next(prefixes.Length)] + region + orgBody + OrganizationCode.ComputeCheckCharacter(orgBody);
            var value = body + UnifiedSocialCreditCode.ComputeCheckCharacter(body);

            var result = UnifiedSocialCreditCode.Check(value);
            if (result.Verdict != IdentifierVerdict.Valid)
            {
                failures.Add($"{value} gave {result.Verdict} {result.Rule}");
            }

            var tampered = UnifiedSocialCreditCode.Check(value[..17] + OtherThan(value[17], random));
            if (tampered.Verdict != IdentifierVerdict.Invalid)
            {
                failures.Add($"{value} with last character changed gave {tampered.Verdict}");
            }
        }

        Assert.Empty(failures);
    }

    private static char OtherThan(char c, Random random)
    {
        char other;
        do
        {
            other = Charset[random.Next(Charset.Length)];
        }
        while (other == c);
        return other;
    }
}
