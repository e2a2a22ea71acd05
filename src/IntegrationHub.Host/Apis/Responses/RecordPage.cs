namespace IntegrationHub.Host.Apis.Responses;

/// <summary>A page of golden records; pass <see cref="Next"/> as <c>after</c> for the next page (null = last page).</summary>
public sealed record RecordPage(IReadOnlyList<RecordView> Data, string? Next);
