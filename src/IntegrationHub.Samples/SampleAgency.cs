namespace IntegrationHub.Samples;

/// <summary>An enforcing agency of the sample data, with its staff.</summary>
/// <param name="Level">执法机关层级 as department A writes it: 市级 or 县级.</param>
/// <param name="NumberPrefix">Prefix of its document numbers before the kind ("雁塔市监", "西环雁塔", "眉县综执").</param>
internal sealed record SampleAgency(
    string Name,
    string Uscc,
    string RegionCode,
    string Level,
    string NumberPrefix,
    IReadOnlyList<SampleOfficer> Officers,
    IReadOnlyList<string> Reviewers);
