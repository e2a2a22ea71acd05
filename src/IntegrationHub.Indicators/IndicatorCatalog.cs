using IntegrationHub.Indicators.Catalog;

namespace IntegrationHub.Indicators;

/// <summary>The indicators of DOMAIN.md §6 that case data supports, in report order (docs/indicators.md).</summary>
public static class IndicatorCatalog
{
    /// <summary>
    /// Raise when a rule changes how a case is assessed (a deadline, a denominator, a period date): the persisted
    /// assessments carry the version they were made with and are rebuilt when it differs (docs/indicators.md).
    /// </summary>
    public const int RulesVersion = 1;

    public static IReadOnlyList<IIndicator> All { get; } =
    [
        new PublicationTimeliness(permitOrPenalty: true),
        new PublicationTimeliness(permitOrPenalty: false),
        new PublicationCompleteness(),
        new WithdrawalTimeliness(),
        new WithdrawalReason(),
        new LegalReviewCoverage(),
        new AudioVideoCoverage(),
        new CertifiedOfficers(),
        new CaseDuration(),
        new DeliveryTimeliness(),
        new HearingProcedure(),
        new CaseClosure(),
    ];

    public static IIndicator? Find(string code) =>
        All.FirstOrDefault(i => string.Equals(i.Definition.Code, code, StringComparison.OrdinalIgnoreCase));
}
