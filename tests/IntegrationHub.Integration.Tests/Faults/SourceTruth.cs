using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// What a fault test's sources hold, per connector: the keys of the valid rows (each must end as a source record of
/// its connector) and of the rows broken on purpose (each must end in quarantine), and how many real-world cases the
/// valid rows describe (the golden records expected).
/// </summary>
public sealed class SourceTruth
{
    private readonly HashSet<string> _cases = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> Valid { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> Defective { get; } = new(StringComparer.Ordinal);

    public int DistinctValidCases => _cases.Count;

    public IEnumerable<string> Connectors => Valid.Keys.Union(Defective.Keys, StringComparer.Ordinal);

    /// <summary>Every source row: the size of the sync.</summary>
    public int Records => Valid.Values.Sum(v => v.Count) + Defective.Values.Sum(d => d.Count);

    /// <summary>The sample departments' rows; each department's connector has the department's id.</summary>
    public static SourceTruth Of(SampleSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Rows.Count == 0)
            throw new InvalidOperationException("The sample sources were created without keeping their rows (keepRows: false).");
        var truth = new SourceTruth();
        foreach (var (department, row) in sources.Rows)
            truth.Add(department.Id, row);
        return truth;
    }

    public void Add(string connectorId, SampleRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Truth.Defect is null)
        {
            KeysOf(Valid, connectorId).Add(row.SourceKey);
            _cases.Add(row.Truth.CaseIdentity);
        }
        else
        {
            KeysOf(Defective, connectorId).Add(row.SourceKey);
        }
    }

    private static HashSet<string> KeysOf(Dictionary<string, HashSet<string>> keys, string connectorId)
    {
        if (!keys.TryGetValue(connectorId, out var set))
            keys[connectorId] = set = new HashSet<string>(StringComparer.Ordinal);
        return set;
    }
}
