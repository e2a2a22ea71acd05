using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    private const string AlertColumns =
        "id AS Id, subject_kind AS SubjectKind, subject_id AS SubjectId, state AS State, previous_state AS PreviousState, reason AS Reason, raised_at AS RaisedAt";

    public async Task<OperatorAlert> AddOperatorAlertAsync(OperatorAlert alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var id = await dialect.ExecuteScalarWriteAsync<long>(connection,
            """
            INSERT INTO operator_alerts (subject_kind, subject_id, state, previous_state, reason, raised_at)
            VALUES (@SubjectKind, @SubjectId, @State, @PreviousState, @Reason, @raisedAt) RETURNING id
            """,
            new { alert.SubjectKind, alert.SubjectId, alert.State, alert.PreviousState, alert.Reason, raisedAt = alert.RaisedAt.ToUnixTimeMilliseconds() },
            ct).ConfigureAwait(false);
        return alert with { Id = id };
    }

    public async Task<IReadOnlyList<OperatorAlert>> ListOperatorAlertsAsync(int limit, long? before, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertColumns} FROM operator_alerts WHERE (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit",
            new { before, limit }, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToAlert())];
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAlertedStatesAsync(string subjectKind, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string SubjectId, string State)>(new CommandDefinition(
            """
            SELECT a.subject_id, a.state FROM operator_alerts a
            WHERE a.subject_kind = @subjectKind
              AND a.id = (SELECT MAX(b.id) FROM operator_alerts b WHERE b.subject_kind = a.subject_kind AND b.subject_id = a.subject_id)
            """, new { subjectKind }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.SubjectId, r => r.State, StringComparer.Ordinal);
    }

    private sealed record AlertRow
    {
        public long Id { get; init; }
        public string SubjectKind { get; init; } = "";
        public string SubjectId { get; init; } = "";
        public string State { get; init; } = "";
        public string PreviousState { get; init; } = "";
        public string Reason { get; init; } = "";
        public long RaisedAt { get; init; }

        public OperatorAlert ToAlert() => new()
        {
            Id = Id,
            SubjectKind = SubjectKind,
            SubjectId = SubjectId,
            State = State,
            PreviousState = PreviousState,
            Reason = Reason,
            RaisedAt = At(RaisedAt),
        };
    }
}
