using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

// Golden records as the API reads them: one at a time, pages, counts, scope and version history.
public sealed partial class SqlSupervisionStore
{
    private const string GoldenColumns =
        "id AS Id, identity_key AS IdentityKey, version AS Version, content_hash AS ContentHash, content AS Content, " +
        "created_at AS CreatedAt, updated_at AS UpdatedAt, deleted_at AS DeletedAt";

    /// <summary>
    /// The content of version <c>v</c> of golden record <c>g</c>: the current version's is the golden record's own (it is
    /// stored once), a superseded version keeps its own.
    /// </summary>
    private const string VersionContent = "COALESCE(v.content, g.content)";

    public async Task<GoldenRecord?> GetRecordAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GoldenRow>(new CommandDefinition(
            $"SELECT {GoldenColumns} FROM golden_records WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<GoldenRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new DynamicParameters(new
        {
            after = query.After,
            regionLike = query.RegionPrefix + "%",
            agency = query.AgencyUscc,
            category = query.Category,
            limit = query.Limit,
        });

        // Only the conditions the query sets: "(@after IS NULL OR id > @after)" keeps SQLite from using the primary key
        // and agency indexes, which made paging through a million records a full scan per page.
        var where = new[]
        {
            query.After is null ? null : "id > @after",
            query.RegionPrefix is null ? null : "region_code LIKE @regionLike",
            query.AgencyUscc is null ? null : "agency_uscc = @agency",
            query.Category is null ? null : "category = @category",
        }.OfType<string>().ToList();
        AddScope(where, parameters, query.Scope, "");
        if (where.Count == 0)
            where.Add("1 = 1");

        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GoldenRow>(new CommandDefinition(
            $"SELECT {GoldenColumns} FROM golden_records WHERE {string.Join(" AND ", where)} ORDER BY id LIMIT @limit",
            parameters, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"""
            SELECT v.record_id AS RecordId, v.version AS Version, v.change_kind AS ChangeKind, v.content_hash AS ContentHash,
                   {VersionContent} AS Content, v.connector_id AS ConnectorId, v.changed_at AS ChangedAt
            FROM record_versions v JOIN golden_records g ON g.id = v.record_id WHERE v.record_id = @id ORDER BY v.version
            """, new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new RecordVersion
        {
            RecordId = r.RecordId,
            Version = (int)r.Version,
            ChangeKind = r.ChangeKind,
            ContentHash = r.ContentHash,
            Content = r.Content,
            ConnectorId = r.ConnectorId,
            ChangedAt = At(r.ChangedAt),
        }).ToList();
    }

    public async Task<long> CountRecordsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM golden_records", cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<(string? RegionCode, string? AgencyUscc, string? Category)?> GetRecordScopeAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RecordScopeRow>(new CommandDefinition(
            "SELECT region_code AS RegionCode, agency_uscc AS AgencyUscc, category AS Category FROM golden_records WHERE id = @id",
            new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row is null ? null : (row.RegionCode, row.AgencyUscc, row.Category);
    }

    private sealed record RecordScopeRow
    {
        public string? RegionCode { get; init; }
        public string? AgencyUscc { get; init; }
        public string? Category { get; init; }
    }

    private sealed record GoldenRow
    {
        public string Id { get; init; } = "";
        public string IdentityKey { get; init; } = "";
        public long Version { get; init; }
        public string ContentHash { get; init; } = "";
        public string Content { get; init; } = "";
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long? DeletedAt { get; init; }

        public GoldenRecord ToRecord() => new()
        {
            Id = Id,
            IdentityKey = IdentityKey,
            Version = (int)Version,
            ContentHash = ContentHash,
            Content = Content,
            CreatedAt = At(CreatedAt),
            UpdatedAt = At(UpdatedAt),
            DeletedAt = At(DeletedAt),
        };
    }

    private sealed record VersionRow
    {
        public string RecordId { get; init; } = "";
        public long Version { get; init; }
        public string ChangeKind { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public string Content { get; init; } = "";
        public string ConnectorId { get; init; } = "";
        public long ChangedAt { get; init; }
    }
}
