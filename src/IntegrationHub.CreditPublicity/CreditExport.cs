namespace IntegrationHub.CreditPublicity;

/// <summary>The rows that pass the required-field and code-list check, and the records left out with their problems.</summary>
public sealed record CreditExport(IReadOnlyList<CreditRecord> Accepted, IReadOnlyList<CreditRejection> Rejected)
{
    /// <summary>Maps and checks every penalty or licensing case; other categories are not part of 双公示.</summary>
    public static CreditExport Prepare(IEnumerable<(string Id, Canonical.Model.EnforcementAction Action)> cases, CreditRecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var accepted = new List<CreditRecord>();
        var rejected = new List<CreditRejection>();
        foreach (var (id, action) in cases)
        {
            foreach (var record in CreditRecordMapper.Map(id, action).Where(r => r.Template.Kind == kind))
            {
                var problems = CreditRecordCheck.Check(record);
                if (problems.Count == 0)
                    accepted.Add(record);
                else
                    rejected.Add(new CreditRejection(record, problems));
            }
        }

        return new CreditExport(accepted, rejected);
    }
}
