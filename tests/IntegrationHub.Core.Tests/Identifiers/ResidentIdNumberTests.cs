using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Core.Tests.Identifiers;

public sealed class ResidentIdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")] // the GB 11643 text's own example, born 1880
    public void Check_DomainTestValue_IsValid(string value)
    {
        var result = ResidentIdNumber.Check(value);

        Assert.Equal(IdentifierVerdict.Valid, result.Verdict);
        Assert.Equal("id-number", result.Rule);
    }

    [Fact]
    public void Check_DomainBadCheckValue_IsInvalidChecksum()
    {
        var result = ResidentIdNumber.Check("110101199003077735");

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("id-number.checksum", result.Rule);
        Assert.Equal(
            "Resident ID number \"110101********7735\": check character is \"5\" but should be \"1\" (GB 11643-1999).",
            result.ReasonEn);
        Assert.Equal("公民身份号码“110101********7735”校验码应为“1”，实际为“5”（GB 11643-1999）。", result.ReasonZh);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData(" 11010519491231002X\n")]
    public void Check_LowerCaseXOrPadding_IsValid(string value)
    {
        Assert.Equal(IdentifierVerdict.Valid, ResidentIdNumber.Check(value).Verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("1101051949123")]
    public void Check_WrongLength_IsInvalidLength(string value)
    {
        var result = ResidentIdNumber.Check(value);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("id-number.length", result.Rule);
    }

    [Theory]
    [InlineData("1101051949123100X2")]
    [InlineData("11010519491231002A")]
    [InlineData("11010519491231002Y")]
    [InlineData("11010549123100X")]
    public void Check_LetterOutsideLastPosition_IsInvalidCharset(string value)
    {
        Assert.Equal("id-number.charset", ResidentIdNumber.Check(value).Rule);
    }

    [Theory]
    [InlineData("110105199002300017")] // 30 February
    [InlineData("110105199013010011")] // month 13
    [InlineData("110105199001000014")] // day 0
    [InlineData("110105179912310010")] // before 1800
    [InlineData("110105210001010013")] // after 2099
    [InlineData("110105900230001")] // 15-digit, 1990-02-30
    public void Check_ImpossibleBirthDate_IsInvalidBirthDate(string value)
    {
        var result = ResidentIdNumber.Check(value);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("id-number.birth-date", result.Rule);
    }

    [Fact]
    public void Check_FifteenDigitNumber_IsFlaggedWithMaskedUpgradeInReasons()
    {
        var result = ResidentIdNumber.Check("110105491231002");

        Assert.Equal(IdentifierVerdict.Flagged, result.Verdict);
        Assert.True(result.IsValid);
        Assert.Equal("id-number.fifteen-digit", result.Rule);
        Assert.Contains("\"110105********1002\"", result.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("\"110105********002X\"", result.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("“110105********002X”", result.ReasonZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("110105491231002", "11010519491231002X")]
    [InlineData("440524800101001", "440524198001010013")]
    [InlineData(" 110105491231002 ", "11010519491231002X")]
    public void UpgradeFifteenDigit_OldNumber_InsertsCenturyAndCheckCharacter(string fifteen, string expected)
    {
        var upgraded = ResidentIdNumber.UpgradeFifteenDigit(fifteen);

        Assert.Equal(expected, upgraded);
        Assert.Equal(IdentifierVerdict.Valid, ResidentIdNumber.Check(upgraded!).Verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11010549123100")]
    [InlineData("11010519491231002X")]
    [InlineData("11010549123100A")]
    public void UpgradeFifteenDigit_NotFifteenDigits_ReturnsNull(string value)
    {
        Assert.Null(ResidentIdNumber.UpgradeFifteenDigit(value));
    }

    [Theory]
    [InlineData("110101199003077735")] // checksum
    [InlineData("110105199002300017")] // birth date
    [InlineData("1101051990023000171")] // length
    [InlineData("110105199002300A17")] // charset
    [InlineData("110105900101001")] // fifteen-digit flag
    public void Check_AnyReason_NeverContainsTheFullNumberOrBirthDate(string value)
    {
        var result = ResidentIdNumber.Check(value);

        Assert.NotEqual(IdentifierVerdict.Valid, result.Verdict);
        foreach (var reason in new[] { result.ReasonEn, result.ReasonZh })
        {
            Assert.DoesNotContain(value, reason, StringComparison.Ordinal);
            Assert.DoesNotContain(value.Substring(6, 6), reason, StringComparison.Ordinal);
            Assert.Contains(value[..6] + "********" + value[^4..], reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_ShortWrongLengthValue_IsMaskedEntirely()
    {
        var result = ResidentIdNumber.Check("1101051949");

        Assert.Contains("\"********\"", result.ReasonEn, StringComparison.Ordinal);
        Assert.DoesNotContain("1101051949", result.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeCheckCharacter_KnownBody_ReturnsX()
    {
        Assert.Equal('X', ResidentIdNumber.ComputeCheckCharacter("11010519491231002"));
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("1101051949123100X")]
    public void ComputeCheckCharacter_MalformedBody_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter(first17));
    }

    [Fact]
    public void ComputeCheckCharacter_RandomBodies_CheckGivesValidAndAnyOtherLastCharacterInvalid()
    {
        const string checkCharacters = "0123456789X";
        var random = new Random(11643);
        var earliest = new DateOnly(1900, 1, 1).DayNumber;
        var latest = new DateOnly(2099, 12, 31).DayNumber;
        var failures = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var address = random.Next(110000, 660000);
            var birth = DateOnly.FromDayNumber(random.Next(earliest, latest + 1));
            var sequence = random.Next(0, 1000);
            var body = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{address:D6}{birth:yyyyMMdd}{sequence:D3}");
            var check = ResidentIdNumber.ComputeCheckCharacter(body);
            char wrong;
            do
            {
                wrong = checkCharacters[random.Next(checkCharacters.Length)];
            }
            while (wrong == check);

            if (ResidentIdNumber.Check(body + check).Verdict != IdentifierVerdict.Valid)
            {
                failures.Add($"{body}{check} not valid");
            }

            var tampered = ResidentIdNumber.Check(body + wrong);
            if (tampered.Verdict != IdentifierVerdict.Invalid || tampered.Rule != "id-number.checksum")
            {
                failures.Add($"{body}{wrong} gave {tampered.Verdict} {tampered.Rule}");
            }
        }

        Assert.Empty(failures);
    }
}
