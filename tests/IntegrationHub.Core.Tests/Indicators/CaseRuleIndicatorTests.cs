using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

/// <summary>The indicators that judge one case on its own: legal review, recording, officers, duration, delivery, hearing, closure, withdrawal.</summary>
public sealed class CaseRuleIndicatorTests
{
    private static readonly DateOnly Decided = new(2024, 3, 4);

    private static CaseAssessment? Assess(string code, EnforcementAction action) => IndicatorCatalog.Find(code)!.Assess(action, Later);

    private static EnforcementAction Reviewed(DateOnly? on, bool? passed, Procedure procedure = Procedure.Ordinary) =>
        Penalty(Decided) with { Procedure = procedure, LegalReview = new LegalReview { Required = true, Date = on, Passed = passed } };

    [Fact]
    public void LegalReview_OnTheSameDayAsTheDecision_Counts() =>
        Assert.True(Assess(IndicatorCodes.LegalReview, Reviewed(Decided, true))!.Met);

    [Fact]
    public void LegalReview_TheDayAfterTheDecision_FailsAsAfterDecision() =>
        Assert.Equal("legal-review.after-decision", Assess(IndicatorCodes.LegalReview, Reviewed(Decided.AddDays(1), true))!.Rule);

    [Fact]
    public void LegalReview_NotPassedOrMissing_Fails()
    {
        Assert.Equal("legal-review.not-passed", Assess(IndicatorCodes.LegalReview, Reviewed(Decided.AddDays(-2), false))!.Rule);
        Assert.Equal("legal-review.missing", Assess(IndicatorCodes.LegalReview, Reviewed(null, null))!.Rule);
    }

    [Fact]
    public void LegalReview_SimpleProcedureAndNonMajorCases_AreNotCounted()
    {
        Assert.Null(Assess(IndicatorCodes.LegalReview, Reviewed(null, null, Procedure.Simple)));
        Assert.Null(Assess(IndicatorCodes.LegalReview, Penalty(Decided) with { LegalReview = new LegalReview { Required = false } }));
    }

    [Fact]
    public void AudioVideo_CoercionNeedsOneAudioVideoRecording_OthersAreNotCounted()
    {
        var coercion = Penalty(Decided) with { Category = ActionCategory.Coercion, Recordings = [new Recording { Kind = RecordingKind.Text }] };
        Assert.Equal("recording.audio-video-missing", Assess(IndicatorCodes.AudioVideoRecording, coercion)!.Rule);
        var recorded = coercion with { Recordings = [.. coercion.Recordings, new Recording { Kind = RecordingKind.AudioVideo }] };
        Assert.True(Assess(IndicatorCodes.AudioVideoRecording, recorded)!.Met);
        Assert.Null(Assess(IndicatorCodes.AudioVideoRecording, Penalty(Decided)));
    }

    [Fact]
    public void Officers_TheSameCertificateTwice_CountsAsOne()
    {
        var same = Penalty(Decided) with { Officers = [new Officer { Name = "甲", CertificateNumber = "1" }, new Officer { Name = "乙", CertificateNumber = "1" }] };
        Assert.Equal("officers.fewer-than-two", Assess(IndicatorCodes.TwoCertifiedOfficers, same)!.Rule);
        Assert.True(Assess(IndicatorCodes.TwoCertifiedOfficers, Penalty(Decided))!.Met);
        Assert.Null(Assess(IndicatorCodes.TwoCertifiedOfficers, same with { Category = ActionCategory.Licensing }));
    }

    [Fact]
    public void CaseDuration_NinetyDaysIsInTime_NinetyOneIsNot()
    {
        // 2024-03-04 minus 90 days is 2023-12-05 (27 days of December after the 4th, 31 of January, 29 of February, 3 of March).
        var ninety = Penalty(Decided) with { Dates = new ActionDates { Filed = new(2023, 12, 5), Decided = Decided } };
        Assert.True(Assess(IndicatorCodes.CaseDuration, ninety)!.Met);
        var ninetyOne = ninety with { Dates = ninety.Dates with { Filed = new(2023, 12, 4) } };
        Assert.Equal("case.duration-over-90-days", Assess(IndicatorCodes.CaseDuration, ninetyOne)!.Rule);
        Assert.Null(Assess(IndicatorCodes.CaseDuration, ninety with { Dates = ninety.Dates with { Filed = null } }));
    }

    [Fact]
    public void Delivery_OnTheSeventhWorkingDayIsInTime_TheNextDayIsLate()
    {
        var onDue = Penalty(Decided) with { Dates = new ActionDates { Decided = Decided, Delivered = new(2024, 3, 13) } };
        Assert.True(Assess(IndicatorCodes.DeliveryTimeliness, onDue)!.Met);
        var late = onDue with { Dates = onDue.Dates with { Delivered = new(2024, 3, 14) } };
        Assert.Equal("delivery.late", Assess(IndicatorCodes.DeliveryTimeliness, late)!.Rule);
        var undelivered = onDue with { Dates = onDue.Dates with { Delivered = null } };
        Assert.Null(IndicatorCatalog.Find(IndicatorCodes.DeliveryTimeliness)!.Assess(undelivered, AsOf(2024, 3, 13)));
        Assert.Equal("delivery.missing", Assess(IndicatorCodes.DeliveryTimeliness, undelivered)!.Rule);
    }

    [Fact]
    public void Hearing_EligibilityFollowsTheFineThresholdOfThePartyKind()
    {
        var person = new Counterpart { Kind = CounterpartKind.NaturalPerson, Name = "李四" };
        var fine = (decimal yuan) => new[] { new Penalty { Type = PenaltyType.Fine, AmountYuan = yuan } };
        Assert.Null(Assess(IndicatorCodes.HearingProcedure, Penalty(Decided) with { Counterparts = [person], Penalties = fine(9_999m) }));
        Assert.Equal("hearing.notice-missing", Assess(IndicatorCodes.HearingProcedure, Penalty(Decided) with { Counterparts = [person], Penalties = fine(10_000m) })!.Rule);
        Assert.Null(Assess(IndicatorCodes.HearingProcedure, Penalty(Decided) with { Penalties = fine(99_999m) }));
        Assert.NotNull(Assess(IndicatorCodes.HearingProcedure, Penalty(Decided) with { Penalties = [new Penalty { Type = PenaltyType.RevocationOfLicense }] }));
    }

    [Fact]
    public void Hearing_NotifiedSevenWorkingDaysBefore_IsInTime_SixIsNot()
    {
        // Notice Monday 2024-03-04: the 7th working day after it is Wednesday 2024-03-13.
        var heavy = Penalty(Decided.AddDays(30)) with { Penalties = [new Penalty { Type = PenaltyType.OrderToClose }] };
        var held = (int day) => heavy with { Hearing = new Hearing { NoticeDate = Decided, HearingNoticeDate = Decided, HearingDate = new(2024, 3, day) } };
        Assert.True(Assess(IndicatorCodes.HearingProcedure, held(13))!.Met);
        Assert.Equal("hearing.notice-too-late", Assess(IndicatorCodes.HearingProcedure, held(12))!.Rule);
    }

    [Fact]
    public void Closure_IsCountedByFilingDate()
    {
        var open = Penalty(Decided) with { Dates = new ActionDates { Filed = new(2024, 1, 10), Decided = Decided } };
        var closure = IndicatorCatalog.Find(IndicatorCodes.CaseClosure)!;
        Assert.Equal(new DateOnly(2024, 1, 10), closure.PeriodDate(open));
        Assert.Equal("case.not-closed", closure.Assess(open, Later)!.Rule);
        Assert.True(closure.Assess(open with { Dates = open.Dates with { Closed = Decided } }, Later)!.Met);
    }

    [Fact]
    public void Withdrawal_WithoutAReason_Fails()
    {
        var withdrawn = Penalty(Decided) with { Publication = new Publication { PublishedOn = Decided, WithdrawnOn = Decided.AddDays(40) } };
        Assert.Equal("publication.withdrawal-reason-missing", Assess(IndicatorCodes.WithdrawalReason, withdrawn)!.Rule);
        Assert.True(Assess(IndicatorCodes.WithdrawalReason, withdrawn with { Publication = withdrawn.Publication! with { WithdrawalReason = "复议撤销" } })!.Met);
        Assert.Null(Assess(IndicatorCodes.WithdrawalReason, Penalty(Decided)));
    }

    [Fact]
    public void Completeness_AValidPublishedPenaltyPasses_AMissingPartyCodeFails()
    {
        Assert.True(Assess(IndicatorCodes.PublicationCompleteness, Penalty(Decided))!.Met);
        var noCode = Penalty(Decided) with { Counterparts = [Penalty(Decided).Counterparts[0] with { Uscc = null }] };
        var failed = Assess(IndicatorCodes.PublicationCompleteness, noCode)!;
        Assert.False(failed.Met);
        Assert.Contains("CF_XDR_SHXYM", failed.ReasonEn, StringComparison.Ordinal);
    }
}
