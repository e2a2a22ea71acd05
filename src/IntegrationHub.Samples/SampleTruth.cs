namespace IntegrationHub.Samples;

/// <summary>
/// What the generator knows about a row and a hub must work out by itself.
/// </summary>
/// <param name="CaseIdentity">
/// The real-world case: the agency's (correct) 统一社会信用代码, "|", and the decision number with its year in 〔〕
/// brackets and no spaces. Rows of both departments with the same identity are the same case.
/// </param>
/// <param name="Defect">How the row is broken on purpose, or null for a valid row.</param>
/// <param name="DefectColumn">The source column that carries the defect, or null for a valid row.</param>
public sealed record SampleTruth(string CaseIdentity, SampleDefect? Defect, string? DefectColumn = null);
