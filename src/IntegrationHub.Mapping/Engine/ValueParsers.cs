using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Mapping.Engine;

/// <summary>Dates, numbers and yes/no words as departmental systems write them.</summary>
public static partial class ValueParsers
{
    /// <summary>China Standard Time has had no daylight saving since 1991, so a fixed offset is exact and needs no tz data.</summary>

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    public static bool TryParseDate(string value, IReadOnlyList<string> formats, out DateOnly date)
    {
        var text = TextNormalizer.ToHalfWidth(value).Trim();
        foreach (var format in formats)
        {
            var parsed = format switch
            {
                "iso" => TryParseIso(text, out date),
                // Epochs are told apart from yyyyMMdd (8 digits) and from each other by their length.
                "epochMillis" => TryParseEpoch(text, 11, 13, DateTimeOffset.FromUnixTimeMilliseconds, out date),
                "epochSeconds" => TryParseEpoch(text, 9, 10, DateTimeOffset.FromUnixTimeSeconds, out date),
                "excelSerial" => TryParseExcelSerial(text, out date),
                _ => TryParsePattern(text, format, out date),
            };
            if (parsed)
                return true;
        }

        date = default;
        return false;
    }

    /// <summary>Parses an amount and converts it to 元; a unit word in the value (万元, 元) wins over the declared unit.</summary>
    public static bool TryParseAmount(string value, NumberUnit declared, out decimal amount)
    {
        var text = TextNormalizer.ToHalfWidth(value).Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
        var unit = declared;
        if (text.EndsWith("万元", StringComparison.Ordinal))
        {
            unit = NumberUnit.WanYuan;
            text = text[..^2];
        }
        else if (text.EndsWith("万", StringComparison.Ordinal))
        {
            unit = NumberUnit.WanYuan;
            text = text[..^1];
        }
        else if (text.EndsWith('元'))
        {
            unit = NumberUnit.Yuan;
            text = text[..^1];
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
            return false;
        if (unit == NumberUnit.WanYuan)
            amount *= 10_000m;
        amount = Canonical(Math.Round(amount, 2, MidpointRounding.AwayFromZero));
        return true;
    }

    /// <summary>Drops trailing zeros, so 2.0 万元 and 20000 元 give the same JSON and the same content hash.</summary>
    public static decimal Canonical(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>yyyy-MM-dd, optionally with a time (after T or a space) and an offset; nothing else.</summary>
    private static bool TryParseIso(string text, out DateOnly date)
    {
        date = default;
        var match = IsoDateTime().Match(text);
        if (!match.Success)
            return false;
        if (match.Groups["offset"].Success)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                return false;
            date = InChina(instant);
            return true;
        }

        // Without an offset the source wrote its own wall-clock time; its date is the date.
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        date = DateOnly.FromDateTime(local);
        return true;
    }

    private static bool TryParseEpoch(string text, int minDigits, int maxDigits, Func<long, DateTimeOffset> fromUnix, out DateOnly date)
    {
        date = default;
        if (text.Length < minDigits || text.Length > maxDigits || !text.All(char.IsAsciiDigit))
            return false;
        date = InChina(fromUnix(long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)));
        return true;
    }

    private static bool TryParseExcelSerial(string text, out DateOnly date)
    {
        date = default;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) || serial is not (> 0 and < 2958466))
            return false;
        date = ExcelEpoch.AddDays((int)Math.Floor(serial));
        return true;
    }

    /// <summary>
    /// A .NET pattern. One with an offset (zzz, K) gives an instant, taken as a date in China: DateTime would convert it
    /// to the machine's time zone, so the same record would map differently on another server.
    /// </summary>
    private static bool TryParsePattern(string text, string format, out DateOnly date)
    {
        date = default;
        if (!DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var parsed))
            return false;
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }

        if (!DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var instant))
            return false;
        date = InChina(instant);
        return true;
    }

    private static DateOnly InChina(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaTime.Offset).DateTime);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(?<offset>Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();
}
