using DocumentFormat.OpenXml.Spreadsheet;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// The kind of every cell style of a workbook, from its number format, by the rules ClosedXML 0.95 applied when the
/// connector read workbooks with it (so the values read stay the same): built-in formats 14–22 and 45–47 are dates,
/// 46 a duration, 49 text; a custom format is a date when a date or time letter comes before any digit placeholder.
/// </summary>
internal static class XlsxCellKinds
{
    public static XlsxCellKind[] Of(Stylesheet? styles)
    {
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
        var formats = styles?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        return [.. formats.Select(f => Kind(f.NumberFormatId?.Value ?? 0, custom))];
    }

    private static XlsxCellKind Kind(uint id, Dictionary<uint, string> custom) => id switch
    {
        46 => XlsxCellKind.TimeSpan,
        >= 14 and <= 22 or >= 45 and <= 47 => XlsxCellKind.DateTime,
        49 => XlsxCellKind.Text,
        _ when custom.TryGetValue(id, out var code) => FromCode(code),
        _ => XlsxCellKind.Number,
    };

    private static XlsxCellKind FromCode(string format)
    {
        var f = format.ToLowerInvariant();
        for (var i = 0; i < f.Length; i++)
        {
            var c = f[i];
            if (c == '"')
            {
                i = f.IndexOf('"', i + 1);
                if (i < 0)
                    break;
            }
            else if (c is '0' or '#' or '?')
            {
                return XlsxCellKind.Number;
            }
            else if (c is 'y' or 'm' or 'd' or 'h' or 's')
            {
                return XlsxCellKind.DateTime;
            }
        }

        return XlsxCellKind.Number;
    }
}
