using System.Text.Json;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Connectors;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>
/// How the hub's own types become the wire types of <c>IntegrationHub.Api.Contracts</c>. The contracts know nothing of
/// the store, the connectors or the mapping; these factories (static extension members, so a call reads
/// <c>RunView.From(run, now)</c>) are the one place where the two meet.
/// </summary>
public static class ContractViews
{
    extension(RunView)
    {
        public static RunView From(SyncRun run, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(run);
            return new RunView
            {
                Id = run.RunId,
                ConnectorId = run.ConnectorId,
                Status = JsonNamingPolicy.CamelCase.ConvertName(run.Status.ToString()),
                Trigger = run.Trigger,
                StartedAt = run.StartedAt,
                FinishedAt = run.FinishedAt,
                Pulled = run.Counts.Pulled,
                Inserted = run.Counts.Inserted,
                Updated = run.Counts.Updated,
                Unchanged = run.Counts.Unchanged,
                Quarantined = run.Counts.Quarantined,
                Deleted = run.Counts.Deleted,
                DurationMs = (long)((run.FinishedAt ?? now) - run.StartedAt).TotalMilliseconds,
                BatchesStored = run.BatchesStored,
                Error = run.Error,
                Drift = SourceDriftView.From(run.Drift),
            };
        }
    }

    extension(SourceDriftView)
    {
        public static SourceDriftView? From(SourceDrift? drift) => drift is null
            ? null
            : new SourceDriftView
            {
                RunId = drift.RunId,
                DetectedAt = drift.DetectedAt,
                Added = drift.Added,
                Removed = drift.Removed,
                MappedButMissing = drift.MappedButMissing,
            };
    }

    extension(IssueView)
    {
        public static IssueView From(ValidationIssue issue)
        {
            ArgumentNullException.ThrowIfNull(issue);
            return new IssueView(
                JsonNamingPolicy.CamelCase.ConvertName(issue.Severity.ToString()),
                issue.Field,
                issue.SourceField,
                issue.Value,
                issue.Rule,
                issue.MessageZh,
                issue.MessageEn);
        }

        public static IReadOnlyList<IssueView> From(IEnumerable<ValidationIssue> issues) => [.. issues.Select(IssueView.From)];
    }

    extension(ConnectionCheckView)
    {
        public static ConnectionCheckView From(ConnectionCheck check)
        {
            ArgumentNullException.ThrowIfNull(check);
            return new ConnectionCheckView
            {
                Succeeded = check.Succeeded,
                Stage = check.Stage,
                Message = check.Message,
                Issues = IssueView.From(check.Issues),
                RecordsRead = check.RecordsRead,
                ElapsedMs = (long)check.Elapsed.TotalMilliseconds,
            };
        }
    }

    extension(DiscoveredFieldsView)
    {
        public static DiscoveredFieldsView From(DiscoveredFields discovered)
        {
            ArgumentNullException.ThrowIfNull(discovered);
            return new DiscoveredFieldsView(
                discovered.SampledRecords,
                [.. discovered.Fields.Select(f => new DiscoveredFieldView(f.Name, f.Types, f.PresentIn, f.NullIn, f.Examples))]);
        }
    }
}
