using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Core.Tests.Identifiers;

// DOMAIN.md has no verified real number; these values were computed with an independent implementation of
// ISO 7064 MOD 11,10 that validates by "final (p + check) mod 10 == 1".
public sealed class BusinessRegistrationNumberTests
{
    [Theory]
    [InlineData("110108000000008")]
    [InlineData("440300100000006")]
    [InlineData("310000000123450")]
    [InlineData(" 110000012345673 ")]
    public void Check_NumberWithCorrectCheckDigit_IsValid(string value)
    {
        var result = BusinessRegistrationNumber.Check(value);

        Assert.Equal(IdentifierVerdict.Valid, result.Verdict);
        Assert.Equal("business-registration", result.Rule);
    }

    [Fact]
    public void Check_WrongCheckDigit_IsInvalidWithExpectedDigitInReasons()
    {
        var result = BusinessRegistrationNumber.Check("110108000000009");

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("business-registration.checksum", result.Rule);
        Assert.Equal(
            "Business registration number \"110108000000009\": check digit is \"9\" but should be \"8\" (ISO 7064 MOD 11,10).",
            result.ReasonEn);
        Assert.Equal("工商注册号“110108000000009”校验位应为“8”，实际为“9”（ISO 7064 MOD 11,10）。", result.ReasonZh);
    }

    [Theory]
    [InlineData("", "business-registration.length")]
    [InlineData("11010800000000", "business-registration.length")]
    [InlineData("1101080000000081", "business-registration.length")]
    [InlineData("11010800000000A", "business-registration.charset")]
    public void Check_MalformedNumber_IsInvalidUnderRule(string value, string rule)
    {
        var result = BusinessRegistrationNumber.Check(value);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal(rule, result.Rule);
    }

    [Fact]
    public void Check_RandomBodies_ExactlyOneCheckDigitIsValid()
    {
        var random = new Random(710);
        var failures = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var body = new string(Enumerable.Range(0, 14).Select(_ => (char)('0' + random.Next(10))).ToArray());
            var validDigits = Enumerable.Range(0, 10).Count(d => BusinessRegistrationNumber.Check(body + d).IsValid);
            if (validDigits != 1)
            {
                failures.Add($"{body}: {validDigits} valid check digits");
            }
        }

        Assert.Empty(failures);
    }
}
