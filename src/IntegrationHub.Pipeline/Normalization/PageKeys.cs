namespace IntegrationHub.Pipeline.Normalization;

/// <summary>The source keys of a page (see <see cref="BatchNormalizer.KeysOf"/>).</summary>
/// <param name="All">Every key the page names, once per record that has one.</param>
/// <param name="Candidates">The keys whose record a stored input may spare from normalizing.</param>
public sealed record PageKeys(IReadOnlyList<string> All, IReadOnlyList<string> Candidates);
