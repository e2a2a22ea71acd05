namespace IntegrationHub.Canonical.Model;

/// <summary>证件类型 of a natural person (双公示 CF_XDR_ZJLX).</summary>
public enum IdDocumentType
{
    ResidentIdCard,
    Passport,
    HongKongMacaoPermit,
    TaiwanPermit,
    ForeignPermanentResidentCard,
    Other,
}
