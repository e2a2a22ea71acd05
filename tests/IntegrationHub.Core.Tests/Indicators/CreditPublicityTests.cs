using IntegrationHub.Canonical.Model;
using IntegrationHub.CreditPublicity;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

/// <summary>The 双公示 rows and their pre-export check (DOMAIN.md §2).</summary>
public sealed class CreditPublicityTests
{
    private static readonly DateOnly March4 = new(2024, 3, 4);

    [Fact]
    public void Penalty_Fine2000Yuan_IsExportedAs0Point2TenThousandYuan()
    {
        var record = CreditRecordMapper.Map("r1", Penalty(March4)).Single();
        Assert.Same(CreditTemplate.PenaltyLegalPerson, record.Template);
        Assert.Equal("0.2", record["CF_NR_FK"]);
        Assert.Equal("罚款", record["CF_CFLB"]);
        Assert.Equal("法人及非法人组织", record["CF_XDR_LB"]);
        Assert.Empty(CreditRecordCheck.Check(record));
    }

    [Fact]
    public void Export_ARecordMissingARequiredField_IsReportedNotExported()
    {
        var missing = Penalty(March4) with { DecisionNumber = null };
        var export = CreditExport.Prepare([("good", Penalty(March4)), ("bad", missing)], CreditRecordKind.Penalty);
        Assert.Equal(["good"], export.Accepted.Select(r => r.RecordId));
        var rejected = Assert.Single(export.Rejected);
        Assert.Equal("bad", rejected.Record.RecordId);
        Assert.Contains(rejected.Problems, p => p.Field == "CF_WSH" && p.Rule == "required");
    }

    [Fact]
    public void NaturalPerson_UsesTheIdDocumentTemplate_AndHasItsIdNumberChecked()
    {
        var person = new Counterpart { Kind = CounterpartKind.NaturalPerson, Name = "李四", IdType = IdDocumentType.ResidentIdCard, IdNumber = "11010519491231002X" };
        var record = CreditRecordMapper.Map("r1", Penalty(March4) with { Counterparts = [person] }).Single();
        Assert.Same(CreditTemplate.PenaltyNaturalPerson, record.Template);
        Assert.DoesNotContain(record.Template.Fields, f => f.Code == "CF_XDR_SHXYM");
        Assert.Equal("身份证", record["CF_XDR_ZJLX"]);
        Assert.Empty(CreditRecordCheck.Check(record));

        var bad = CreditRecordMapper.Map("r2", Penalty(March4) with { Counterparts = [person with { IdNumber = "110101199003077735" }] }).Single();
        Assert.Contains(CreditRecordCheck.Check(bad), p => p.Field == "CF_XDR_ZJHM");
    }

    [Fact]
    public void Check_AFineWithoutAmountAndABadAgencyCode_AreProblems()
    {
        var action = Penalty(March4) with
        {
            Agency = Penalty(March4).Agency with { Uscc = "914403001922038217" },
            Penalties = [new Penalty { Type = PenaltyType.Fine }],
        };
        var problems = CreditRecordCheck.Check(CreditRecordMapper.Map("r", action).Single());
        Assert.Contains(problems, p => p.Field == "CF_NR_FK" && p.Rule == "required");
        Assert.Contains(problems, p => p.Field == "CF_CFJGDM");
    }

    [Theory]
    [InlineData("2022-06-01", "2023-06-01")]
    [InlineData("2023-05-01", "2026-05-01")]
    [InlineData("2026-04-01", "2027-04-01")]
    public void PublicationPeriod_FollowsTheRegimeInForceOnTheDecisionDate(string decided, string until)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var period = PublicationPeriod.ForPenalty(DateOnly.Parse(decided, culture));
        Assert.Equal(DateOnly.Parse(until, culture), period.MaximumUntil);
        Assert.Equal(DateOnly.Parse(decided, culture).AddMonths(3), period.MinimumUntil);
    }

    [Fact]
    public void Licensing_WithoutLicenceType_IsReported()
    {
        var licence = Penalty(March4) with { Category = ActionCategory.Licensing, Penalties = [] };
        var problems = CreditRecordCheck.Check(CreditRecordMapper.Map("r", licence).Single());
        Assert.Contains(problems, p => p.Field == "XK_XKLB" && p.Rule == "required");
    }
}
