using IntegrationHub.CreditPublicity;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>A golden record left out of a 双公示 export: its id, template, document number and every problem.</summary>
public sealed record CreditRejectionView(string RecordId, string Template, string? DocumentNumber, IReadOnlyList<CreditProblem> Problems);
