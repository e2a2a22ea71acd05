using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Core.Tests.Identifiers;

public sealed class IdentifierCheckResultTests
{
    [Fact]
    public void Ok_GivesValidVerdictWithEmptyReasons()
    {
        var result = IdentifierCheckResult.Ok("uscc");

        Assert.Equal(new IdentifierCheckResult(IdentifierVerdict.Valid, "uscc", "", ""), result);
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData(IdentifierVerdict.Valid, true)]
    [InlineData(IdentifierVerdict.Flagged, true)]
    [InlineData(IdentifierVerdict.Invalid, false)]
    public void IsValid_IsFalseOnlyForInvalid(IdentifierVerdict verdict, bool expected)
    {
        Assert.Equal(expected, new IdentifierCheckResult(verdict, "rule", "原因。", "Reason.").IsValid);
    }
}
