using System.Globalization;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Mapping.Engine;

/// <summary>Dates, numbers and yes/no words as departmental systems write them.</summary>
public static class ValueParsers
{
    /// <summary>China Standard Time has had no daylight saving since 1991, so a fixed offset is exact and needs no tz data.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    public static bool TryParseDate(string value, IReadOnlyList<string> formats, out DateOnly date)
    {
        var text = TextNormalizer.ToHalfWidth(value).Trim();
        foreach (var format in formats)
        {
            switch (format)
            {
                case "iso":
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                        return true;
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && HasOffset(text))
                    {
                        date = DateOnly.FromDateTime(instant.ToOffset(ChinaStandardTime).DateTime);
                        return true;
                    }

                    if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    {
                        date = DateOnly.FromDateTime(local);
                        return true;
                    }

                    break;
                case "epochMillis" or "epochSeconds":
                    if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
                    {
                        var at = format == "epochMillis" ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
                        date = DateOnly.FromDateTime(at.ToOffset(ChinaStandardTime).DateTime);
                        return true;
                    }

                    break;
                case "excelSerial":
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
                    {
                        date = ExcelEpoch.AddDays((int)Math.Floor(serial));
                        return true;
                    }

                    break;
                default:
                    if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
                    {
                        date = DateOnly.FromDateTime(parsed);
                        return true;
                    }

                    break;
            }
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

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal) && text.Contains('T', StringComparison.Ordinal);
}
