namespace IntegrationHub.Indicators;

/// <summary>The stable codes of the indicators, as used in the API, the exports and docs/indicators.md.</summary>
public static class IndicatorCodes
{
    public const string PublicationTimelinessPermitPenalty = "publication-timeliness-permit-penalty";
    public const string PublicationTimelinessOther = "publication-timeliness-other";
    public const string PublicationCompleteness = "publication-completeness";
    public const string WithdrawalTimeliness = "withdrawal-timeliness";
    public const string WithdrawalReason = "withdrawal-reason";
    public const string LegalReview = "legal-review";
    public const string AudioVideoRecording = "audio-video-recording";
    public const string TwoCertifiedOfficers = "two-certified-officers";
    public const string CaseDuration = "case-duration";
    public const string DeliveryTimeliness = "delivery-timeliness";
    public const string HearingProcedure = "hearing-procedure";
    public const string CaseClosure = "case-closure";
}
