using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Definitions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// Reads a department's table or view page by page, ordered by a watermark column and a tie-breaking key, resuming after
/// the last (watermark, key) stored. Keyset paging, never OFFSET: each page costs the same however deep the read is.
/// </summary>
public sealed class SqlSourceConnector() : SourceConnector("sql")
{
    public override async IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var options = SqlSourceOptions.From(connector.Source, connector.Id);
        await using var connection = Open(options, context);
        await connection.OpenAsync(ct).ConfigureAwait(false);

        var position = KeysetCheckpoint.Parse(checkpoint);
        var table = QuoteName(options.Table);
        var watermark = Quote(options.Watermark);
        var key = Quote(options.Key);
        while (true)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = position is null
                ? $"SELECT * FROM {table} ORDER BY {watermark}, {key} LIMIT @limit"
                : $"SELECT * FROM {table} WHERE {watermark} > @w OR ({watermark} = @w AND {key} > @k) ORDER BY {watermark}, {key} LIMIT @limit";
            AddParameter(command, "@limit", options.PageSize);
            if (position is not null)
            {
                AddParameter(command, "@w", position.Watermark);
                AddParameter(command, "@k", position.Key);
            }

            var records = new List<JsonObject>(options.PageSize);
            object? lastWatermark = null, lastKey = null;
            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                var watermarkOrdinal = reader.GetOrdinal(options.Watermark);
                var keyOrdinal = reader.GetOrdinal(options.Key);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    records.Add(RowReader.Read(reader));
                    lastWatermark = reader.GetValue(watermarkOrdinal);
                    lastKey = reader.GetValue(keyOrdinal);
                }
            }

            if (records.Count == 0)
                yield break;
            if (lastWatermark is null or DBNull || lastKey is null or DBNull)
                throw new ConnectorConfigurationException(connector.Id, "source.watermark", $"column '{options.Watermark}' or key '{options.Key}' is NULL in a row; both must be NOT NULL for incremental reads.");
            position = new KeysetCheckpoint(lastWatermark, lastKey);
            yield return SourcePage.Of(records, position.Serialize());
            if (records.Count < options.PageSize)
                yield break;
        }
    }

    private static DbConnection Open(SqlSourceOptions options, ConnectorContext context)
    {
        var connectionString = context.Expand(options.ConnectionString);
        return options.Provider switch
        {
            "sqlite" => new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString()),
            "postgres" => new NpgsqlConnection(connectionString),
            _ => throw new InvalidOperationException($"Unsupported SQL provider '{options.Provider}'."),
        };
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A table name may be schema-qualified (<c>exchange.cases</c>); each part is quoted.</summary>
    private static string QuoteName(string name) => string.Join('.', name.Split('.').Select(Quote));

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
