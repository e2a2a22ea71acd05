namespace IntegrationHub.Reporting.Exports;

/// <summary>
/// Keeps a text cell from being read as a formula when the file is opened in a spreadsheet (OWASP "CSV Injection"): a
/// cell whose first character is <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> — also after leading spaces, tabs or line
/// breaks — or that starts with a tab or carriage return, gets a leading apostrophe, which spreadsheets show as text.
/// The full-width forms (＝＋－＠) that Chinese input methods type are treated alike. Both export writers apply it to
/// every text cell, header included; numbers written by the hub into numeric columns are left alone.
/// </summary>
public static class SpreadsheetText
{
    private const string Triggers = "=+-@＝＋－＠";

    public static string Neutralize(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length == 0)
            return cell;
        if (cell[0] is '\t' or '\r')
            return "'" + cell;
        var start = cell.AsSpan().TrimStart(" \t\r\n\u3000");
        return start.Length > 0 && Triggers.Contains(start[0], StringComparison.Ordinal) ? "'" + cell : cell;
    }
}
