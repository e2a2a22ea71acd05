namespace IntegrationHub.Connectors.Rest;

/// <summary>A successful answer of a rest source: status, body text and next-page links, with the request as messages may name it.</summary>
internal sealed record RestResponse(Uri RequestUri, string Described, int Status, string Body, IReadOnlyList<string> Links);
