namespace IntegrationHub.Connectors.Files;

/// <summary>What a cell's number format makes of a number: a number, a date (time), a duration, or text.</summary>
internal enum XlsxCellKind
{
    Number,
    DateTime,
    TimeSpan,
    Text,
}
