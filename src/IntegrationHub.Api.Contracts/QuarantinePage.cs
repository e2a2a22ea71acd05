namespace IntegrationHub.Api.Contracts;

/// <summary>A page of quarantine entries; pass <see cref="Next"/> as <c>after</c> for the next page (null = last page).</summary>
public sealed record QuarantinePage(IReadOnlyList<QuarantineView> Data, long? Next);
