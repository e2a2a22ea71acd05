namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// What a source's log reader hands on, in log order: transactions with their changed rows, positions the log is known to
/// be quiet at, and the end of the source table. A log reader (PostgreSQL's pgoutput now, a MySQL binlog reader later)
/// produces these; <see cref="ChangePager"/> turns them into pages and checkpoints the same way for every database.
/// </summary>
internal abstract record LogEvent
{
    private LogEvent()
    {
    }

    /// <summary>A transaction starts; <paramref name="Transaction"/> names it the same way every time it is read again.</summary>
    public sealed record Begun(string Transaction) : LogEvent;

    /// <summary>A row of the table was inserted, updated or deleted (<see cref="SourceRecord.Deleted"/>).</summary>
    public sealed record Changed(SourceRecord Record) : LogEvent;

    /// <summary>The transaction committed; reading again from <paramref name="Position"/> starts after it.</summary>
    public sealed record Committed(string Position) : LogEvent;

    /// <summary>
    /// No transaction is open and every change before <paramref name="Position"/> has been handed on: a checkpoint there
    /// loses nothing. Only ever later than every position handed on before it.
    /// </summary>
    public sealed record Quiet(string Position) : LogEvent;

    /// <summary>The table the connector reads is gone from the source (and every change before that was handed on).</summary>
    public sealed record SourceGone(string Reason) : LogEvent;
}
