namespace IntegrationHub.Cli.Api;

/// <summary>A page of quarantine entries; <see cref="Next"/> is the <c>after</c> of the next page (null = last page).</summary>
internal sealed record QuarantinePage(QuarantineView[] Data, long? Next);
