using System.Runtime.CompilerServices;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Sql.Capture;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// Reads a department's database. In poll mode: a table, view or read-only query page by page, ordered by a watermark
/// column and a tie-breaking key, resuming after the last (watermark, key) stored — keyset paging, never OFFSET, so each
/// page costs the same however deep the read is; PostgreSQL, MySQL/MariaDB, SQL Server and SQLite differ only in their
/// <see cref="SqlProvider"/>. In cdc mode: a PostgreSQL table's snapshot, then its changes from the log, through an
/// <see cref="IChangeCaptureSource"/> (docs/connectors/sql.md).
/// </summary>
public sealed class SqlSourceConnector() : SourceConnector("sql"), IReplicationSlotOwner
{
    private static readonly IChangeCaptureSource Postgres = new PostgresChangeCapture(TimeProvider.System);

    public override async IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        var (options, provider, connectionString) = Configuration(connector, context);
        if (options.Mode == SqlReadMode.Cdc)
        {
            await foreach (var captured in Postgres.ReadAsync(CaptureOf(connector, options, connectionString, context), checkpoint, ct).WithCancellation(ct).ConfigureAwait(false))
                yield return captured;
            yield break;
        }

        await using var connection = await SourceConnections.OpenAsync(provider, connectionString, connector.Id, ct).ConfigureAwait(false);

        var reader = new SqlPageReader(connector.Id, options, provider, connectionString, context.Limits);
        var position = KeysetCheckpoint.Parse(checkpoint);
        while (true)
        {
            var page = await reader.ReadAsync(connection, position, ct).ConfigureAwait(false);
            if (page.Records.Count == 0)
                yield break;
            position = page.Position!;
            yield return new SourcePage(page.Records, position.Serialize());
            if (page.Records.Count < options.PageSize)
                yield break;
        }
    }

    protected override void Configure(ConnectorDefinition connector, ConnectorContext context) => Configuration(connector, context);

    /// <summary>The options, the provider and the expanded connection string, which the provider's own parser has accepted.</summary>
    private static (SqlSourceOptions Options, SqlProvider Provider, string ConnectionString) Configuration(ConnectorDefinition connector, ConnectorContext context)
    {
        var options = SqlSourceOptions.From(connector.Source, connector.Id);
        var provider = SqlProvider.For(options.Provider);
        string connectionString;
        try
        {
            connectionString = context.Expand(options.ConnectionString);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConnectorConfigurationException(connector.Id, "source.connectionString", ex.Message);
        }

        // Creating a connection parses the string (an unknown keyword, a value of the wrong type) without connecting.
        try
        {
            using var unopened = provider.CreateConnection(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ConnectorConfigurationException(connector.Id, "source.connectionString", ConnectionStringSecrets.Redact(ex.Message, connectionString));
        }

        return (options, provider, connectionString);
    }

    /// <summary>In cdc mode the check goes on after the first page: what the database lacks for capture, each with what to change.</summary>
    public override async Task<ConnectionCheck> CheckAsync(ConnectorDefinition connector, ConnectorContext context, CancellationToken ct)
    {
        var check = await base.CheckAsync(connector, context, ct).ConfigureAwait(false);
        if (!check.Succeeded || CdcOptions(connector) is not { } options)
            return check;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<string> problems;
        try
        {
            problems = await Postgres.CheckAsync(CaptureOf(connector, options, context.Expand(options.ConnectionString), context), ct).ConfigureAwait(false);
        }
        catch (SourceAccessException ex)
        {
            return ConnectionCheck.Failed(ex.Stage, ex.Message, check.Elapsed + watch.Elapsed);
        }

        return problems.Count == 0
            ? check with
            {
                Message = $"{check.Message} Change capture is ready: wal_level is logical, the role may replicate, the table's updates and deletes identify their rows by the mapping's key, " +
                          $"and publication {options.Capture!.Publication} covers the table (or the hub may create it).",
                Elapsed = check.Elapsed + watch.Elapsed,
            }
            : ConnectionCheck.Failed("replication", string.Join(" ", problems), check.Elapsed + watch.Elapsed);
    }

    public string? ReplicationSlotOf(ConnectorDefinition connector) => CdcOptions(connector)?.Capture!.Slot;

    public async Task<ReplicationSlotState?> GetReplicationSlotAsync(ConnectorDefinition connector, ConnectorContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CdcOptions(connector) is not { } options)
            return null;
        try
        {
            return await Postgres.GetSlotAsync(CaptureOf(connector, options, context.Expand(options.ConnectionString), context), ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // An ${ENVIRONMENT_VARIABLE} of the connection string that is not set.
            return new ReplicationSlotState { Slot = options.Capture!.Slot, Source = options.Provider, Error = ex.Message };
        }
    }

    public async Task<bool> DropReplicationSlotAsync(ConnectorDefinition connector, ConnectorContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CdcOptions(connector) is { } options && await Postgres.DropSlotAsync(CaptureOf(connector, options, context.Expand(options.ConnectionString), context), ct).ConfigureAwait(false);
    }

    private static SqlSourceOptions? CdcOptions(ConnectorDefinition connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        try
        {
            var options = SqlSourceOptions.From(connector.Source, connector.Id);
            return options.Mode == SqlReadMode.Cdc ? options : null;
        }
        catch (ConnectorConfigurationException)
        {
            return null;
        }
    }

    private static CaptureRead CaptureOf(ConnectorDefinition connector, SqlSourceOptions options, string connectionString, ConnectorContext context) =>
        new(connector.Id, options, connectionString, connector.Mapping.SourceKey, context);
}
