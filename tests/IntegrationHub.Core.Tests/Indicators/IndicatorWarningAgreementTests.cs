using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Indicators;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Definition;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

/// <summary>An indicator fails a case for a late, missing or wrong value exactly when the record warning of the same rule flags it.</summary>
public sealed class IndicatorWarningAgreementTests
{
    private static readonly DateOnly March4 = new(2024, 3, 4);

    private static readonly HashSet<string> SharedRules =
    [
        "publication.late", "publication.withdrawal-reason-missing", "publication.withdrawal-late", "legal-review.after-decision", "legal-review.not-passed",
        "recording.audio-video-missing", "officers.fewer-than-two", "case.duration-over-90-days", "delivery.late",
        "hearing.notice-missing", "hearing.notice-too-late",
    ];

    private static readonly RecordNormalizer Normalizer = new(MappingDefinition.Parse(
        """{ "version": 1, "sourceKey": "id", "codeLists": {}, "fields": { "agency.name": { "from": "机关" } } }"""));

    public static TheoryData<string> Variants => [.. Cases.Keys];

    private static Dictionary<string, EnforcementAction> Cases { get; } = new()
    {
        ["compliant"] = Penalty(March4),
        ["published late"] = Penalty(March4) with { Publication = new Publication { PublishedOn = new(2024, 3, 14) } },
        ["published on the due day"] = Penalty(March4) with { Publication = new Publication { PublishedOn = new(2024, 3, 13) } },
        ["withdrawn without reason"] = Penalty(March4) with { Publication = new Publication { PublishedOn = March4, WithdrawnOn = March4.AddDays(9) } },
        ["withdrawn on the 3rd working day after the change"] = Penalty(March4) with
        {
            Publication = new Publication { PublishedOn = March4, ChangedOn = new(2024, 3, 7), WithdrawnOn = new(2024, 3, 12), WithdrawalReason = "复议撤销" },
        },
        ["withdrawn on the 4th working day after the change"] = Penalty(March4) with
        {
            Publication = new Publication { PublishedOn = March4, ChangedOn = new(2024, 3, 7), WithdrawnOn = new(2024, 3, 13), WithdrawalReason = "复议撤销" },
        },
        ["review after decision"] = Penalty(March4) with { LegalReview = new LegalReview { Required = true, Date = March4.AddDays(1), Passed = true } },
        ["review same day"] = Penalty(March4) with { LegalReview = new LegalReview { Required = true, Date = March4, Passed = true } },
        ["review not passed"] = Penalty(March4) with { LegalReview = new LegalReview { Required = true, Date = March4.AddDays(-1), Passed = false } },
        ["one officer"] = Penalty(March4) with { Officers = [new Officer { Name = "甲", CertificateNumber = "1" }] },
        ["91 days"] = Penalty(March4) with { Dates = Penalty(March4).Dates with { Filed = March4.AddDays(-91) } },
        ["served late"] = Penalty(March4) with { Dates = Penalty(March4).Dates with { Delivered = new(2024, 3, 14) } },
        ["revocation without notice"] = Penalty(March4) with { Penalties = [new Penalty { Type = PenaltyType.RevocationOfLicense, LicenseConcerned = "食品经营许可证 JY1" }] },
        ["hearing notified 6 working days before"] = Penalty(March4) with
        {
            Penalties = [new Penalty { Type = PenaltyType.OrderToClose }],
            Hearing = new Hearing { NoticeDate = March4.AddDays(-30), HearingNoticeDate = new(2024, 2, 1), HearingDate = new(2024, 2, 9) },
        },
        ["coercion without audio-video"] = Penalty(March4) with { Category = ActionCategory.Coercion, Penalties = [] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void IndicatorFailures_AndRecordWarnings_NameTheSameRules(string variant)
    {
        var action = Cases[variant];
        var warnings = Normalizer.Validate(System.Text.Json.Nodes.JsonNode.Parse(CanonicalJson.Serialize(action))!.AsObject())
            .Select(i => i.Rule).Where(SharedRules.Contains).ToHashSet();
        var failures = IndicatorCatalog.All.Select(i => i.Assess(action, Later)).OfType<CaseAssessment>()
            .Where(a => !a.Met).Select(a => a.Rule!).Where(SharedRules.Contains).ToHashSet();
        Assert.Equal(warnings.Order(), failures.Order());
    }
}
