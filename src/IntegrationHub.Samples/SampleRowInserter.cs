using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Samples;

/// <summary>
/// Inserts rows one by one into a department's table with one prepared statement, committing every
/// <see cref="SampleSourceWriter.RowsPerTransaction"/> rows. Lets one generator stream feed several tables.
/// </summary>
internal sealed class SampleRowInserter : IAsyncDisposable
{
    // SQLite statements run in-process, so one row per statement is fastest; PostgreSQL pays a round trip per
    // statement, so its prepared statement inserts 500 rows at once (500 × 38 = 19,000 parameters, below the 65,535
    // limit of the PostgreSQL protocol); 100,000 rows take about 2–3 s against a local server.
    private const int PostgresRowsPerStatement = 500;

    private readonly DbConnection connection;
    private readonly SampleDepartment department;
    private readonly int rowsPerStatement;
    private readonly List<SampleRow> batch;
    private DbCommand? multi;
    private DbTransaction? transaction;
    private int inTransaction;

    public SampleRowInserter(DbConnection connection, SampleDepartment department)
    {
        this.connection = connection;
        this.department = department;
        rowsPerStatement = connection is SqliteConnection ? 1 : PostgresRowsPerStatement;
        batch = new List<SampleRow>(rowsPerStatement);
    }

    public long Inserted { get; private set; }

    public async ValueTask AddAsync(SampleRow row, CancellationToken ct)
    {
        batch.Add(row);
        if (batch.Count < rowsPerStatement)
        {
            return;
        }

        transaction ??= await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        multi ??= await PrepareAsync(rowsPerStatement, ct).ConfigureAwait(false);
        multi.Transaction = transaction;
        Bind(multi, batch);
        await multi.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        Inserted += batch.Count;
        inTransaction += batch.Count;
        batch.Clear();

        if (inTransaction >= SampleSourceWriter.RowsPerTransaction)
        {
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
            inTransaction = 0;
        }
    }

    /// <summary>Inserts what is left (fewer rows than one statement takes) and commits.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (batch.Count > 0)
        {
            transaction ??= await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var single = await PrepareAsync(1, ct).ConfigureAwait(false);
            single.Transaction = transaction;
            foreach (var row in batch)
            {
                Bind(single, [row]);
                await single.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                Inserted++;
            }

            batch.Clear();
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
            inTransaction = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync().ConfigureAwait(false); // rolls back an incomplete batch
        }

        if (multi is not null)
        {
            await multi.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<DbCommand> PrepareAsync(int rows, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder()
            .Append("INSERT INTO ").Append(SampleSourceWriter.Quote(department.Table)).Append(" (")
            .AppendJoin(", ", department.Columns.Select(c => SampleSourceWriter.Quote(c.Name)))
            .Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < department.Columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                sql.Append(c == 0 ? "" : ", ").Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.DbType = department.Columns[c].Type switch
                {
                    SampleColumnType.Integer => DbType.Int64,
                    SampleColumnType.Decimal => DbType.Decimal,
                    _ => DbType.String,
                };
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        await command.PrepareAsync(ct).ConfigureAwait(false);
        return command;
    }

    private void Bind(DbCommand command, IReadOnlyList<SampleRow> rows)
    {
        var columns = department.Columns;
        for (var r = 0; r < rows.Count; r++)
        {
            var values = rows[r].Values;
            for (var c = 0; c < columns.Count; c++)
            {
                var value = values.TryGetValue(columns[c].Name, out var v) ? v : null;
                command.Parameters[(r * columns.Count) + c].Value = value ?? DBNull.Value;
            }
        }
    }
}
