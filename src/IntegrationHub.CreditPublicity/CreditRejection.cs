namespace IntegrationHub.CreditPublicity;

/// <summary>A record left out of a 双公示 export, with every problem found in it.</summary>
public sealed record CreditRejection(CreditRecord Record, IReadOnlyList<CreditProblem> Problems);
