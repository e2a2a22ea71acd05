using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Core.Tests.Identifiers;

public sealed class OrganizationCodeTests
{
    private const string BodyCharset = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string CheckCharset = "0123456789X";

    [Theory]
    [InlineData("59467239-9")]
    [InlineData("19220382-1")]
    [InlineData("594672399")]
    [InlineData("192203821")]
    public void Check_DomainTestValueInDisplayOrCompactForm_IsValid(string value)
    {
        var result = OrganizationCode.Check(value);

        Assert.Equal(IdentifierVerdict.Valid, result.Verdict);
        Assert.Equal("organization-code", result.Rule);
    }

    [Theory]
    [InlineData(" ma62k026-0 ")]
    [InlineData("mb152917-6")]
    public void Check_LowerCaseOrPaddedValidCode_IsValid(string value)
    {
        Assert.Equal(IdentifierVerdict.Valid, OrganizationCode.Check(value).Verdict);
    }

    [Fact]
    public void Check_WrongCheckCharacter_IsInvalidWithExpectedCharacterInReasons()
    {
        var result = OrganizationCode.Check("19220382-2");

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("organization-code.checksum", result.Rule);
        Assert.Equal(
            "Organization code \"19220382-2\": check character is \"2\" but should be \"1\" (GB 11714-1997).",
            result.ReasonEn);
        Assert.Equal("组织机构代码“19220382-2”校验码应为“1”，实际为“2”（GB 11714-1997）。", result.ReasonZh);
    }

    [Theory]
    [InlineData("")]
    [InlineData("19220382")]
    [InlineData("192203821-")]
    [InlineData("1922038-21")]
    [InlineData("19220382--1")]
    public void Check_WrongShape_IsInvalidLength(string value)
    {
        var result = OrganizationCode.Check(value);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("organization-code.length", result.Rule);
    }

    [Theory]
    [InlineData("1922_382-1")]
    [InlineData("19220382-*")]
    public void Check_NonAlphanumericCharacter_IsInvalidCharset(string value)
    {
        Assert.Equal("organization-code.charset", OrganizationCode.Check(value).Rule);
    }

    [Fact]
    public void ComputeCheckCharacter_RemainderTen_IsXNotA()
    {
        // Some public validators write 10 as "A"; GB 11714 writes "X".
        var body = FindBody(10);

        Assert.Equal('X', OrganizationCode.ComputeCheckCharacter(body));
        Assert.Equal(IdentifierVerdict.Valid, OrganizationCode.Check(body + "-X").Verdict);
        Assert.Equal("organization-code.checksum", OrganizationCode.Check(body + "-A").Rule);
    }

    [Fact]
    public void ComputeCheckCharacter_RemainderEleven_IsZero()
    {
        var body = FindBody(11);

        Assert.Equal('0', OrganizationCode.ComputeCheckCharacter(body));
    }

    [Theory]
    [InlineData("59467239", '9')]
    [InlineData("19220382", '1')]
    [InlineData("ma62k026", '0')]
    public void ComputeCheckCharacter_KnownBody_ReturnsPublishedCheckCharacter(string first8, char expected)
    {
        Assert.Equal(expected, OrganizationCode.ComputeCheckCharacter(first8));
    }

    [Fact]
    public void ComputeCheckCharacter_RandomBodies_CheckGivesValidAndAnyOtherLastCharacterInvalid()
    {
        var random = new Random(11714);
        var failures = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var body = new string(Enumerable.Range(0, 8).Select(_ => BodyCharset[random.Next(BodyCharset.Length)]).ToArray());
            var check = OrganizationCode.ComputeCheckCharacter(body);
            char wrong;
            do
            {
                wrong = CheckCharset[random.Next(CheckCharset.Length)];
            }
            while (wrong == check);

            if (OrganizationCode.Check($"{body}-{check}").Verdict != IdentifierVerdict.Valid)
            {
                failures.Add($"{body}-{check} not valid");
            }

            if (OrganizationCode.Check($"{body}{wrong}").Verdict != IdentifierVerdict.Invalid)
            {
                failures.Add($"{body}{wrong} not invalid");
            }
        }

        Assert.Empty(failures);
    }

    // Searches digit-only bodies for one whose weighted sum leaves the given 11 − (Σ mod 11).
    private static string FindBody(int checkValue)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        for (var n = 0; ; n++)
        {
            var body = n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
            if (11 - (sum % 11) == checkValue)
            {
                return body;
            }
        }
    }
}
