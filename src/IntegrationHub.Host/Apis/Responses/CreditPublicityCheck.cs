namespace IntegrationHub.Host.Apis.Responses;

/// <summary>The outcome of the 双公示 pre-export check: how many rows would be exported, and each record left out with why.</summary>
public sealed record CreditPublicityCheck(string Kind, string Period, int Accepted, int Rejected, IReadOnlyList<CreditRejectionView> Rejections);
