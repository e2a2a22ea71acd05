namespace IntegrationHub.CreditPublicity;

/// <summary>One 双公示 row: the golden record it comes from, its template, and the value of each field (null = empty).</summary>
public sealed record CreditRecord(string RecordId, CreditTemplate Template, IReadOnlyDictionary<string, string?> Values)
{
    public string? this[string code] => Values.GetValueOrDefault(code);
}
