using System.Globalization;
using IntegrationHub.Samples;

namespace IntegrationHub.Core.Tests.Samples;

/// <summary>Reads generated rows the way each department writes them, independently of the generator's own code.</summary>
internal static class SampleRowReader
{
    public static bool IsMarket(SampleDepartment department) => department.Id == SampleDepartment.MarketRegulation.Id;

    public static string? Text(SampleRow row, string column) => row.Values.TryGetValue(column, out var value) ? value as string : null;

    public static string AgencyUscc(SampleDepartment department, SampleRow row) =>
        Text(row, IsMarket(department) ? "执法机关统一社会信用代码" : "agency_code")!;

    public static string Region(SampleDepartment department, SampleRow row) =>
        Text(row, IsMarket(department) ? "行政区划" : "region")!;

    public static string DecisionNumber(SampleDepartment department, SampleRow row) =>
        Text(row, IsMarket(department) ? "决定书文号" : "decision_no")!;

    public static string PartyName(SampleDepartment department, SampleRow row) =>
        Text(row, IsMarket(department) ? "当事人名称" : "party_name")!;

    public static string? PartyUscc(SampleDepartment department, SampleRow row) => IsMarket(department)
        ? Text(row, "统一社会信用代码")
        : Text(row, "party_type") == "PER" ? null : Text(row, "party_code");

    public static string? PartyIdNumber(SampleDepartment department, SampleRow row) => IsMarket(department)
        ? Text(row, "证件号码")
        : Text(row, "party_type") == "PER" ? Text(row, "party_code") : null;

    /// <summary>The fine in 元, or null when the row has none.</summary>
    public static decimal? FineYuan(SampleDepartment department, SampleRow row)
    {
        if (IsMarket(department))
        {
            if (Text(row, "罚款金额") is not { } text)
            {
                return null;
            }

            var wan = text.EndsWith("万元", StringComparison.Ordinal);
            var number = decimal.Parse(text.Replace(",", "", StringComparison.Ordinal).Replace("万元", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            return wan ? number * 10_000m : number;
        }

        return Text(row, "fine_wan") is { } wanText ? decimal.Parse(wanText, CultureInfo.InvariantCulture) * 10_000m : null;
    }

    /// <summary>Filed, decided, delivered and published dates (null where the row has none).</summary>
    public static (DateOnly? Filed, DateOnly? Decided, DateOnly? Delivered, DateOnly? Published) Dates(SampleDepartment department, SampleRow row)
    {
        var columns = IsMarket(department)
            ? new[] { "立案日期", "决定日期", "送达日期", "公示日期" }
            : ["filed_date", "decided_at", "delivered_date", "published_date"];
        var dates = columns.Select(c => Text(row, c) is { } text ? Date(text) : (DateOnly?)null).ToArray();
        return (dates[0], dates[1], dates[2], dates[3]);
    }

    /// <summary>"2024年3月5日", "20240305", "2024/3/5", "2024-03-05" or epoch milliseconds (as a date in China).</summary>
    public static DateOnly Date(string text)
    {
        string[] formats = ["yyyy'年'M'月'd'日'", "yyyyMMdd", "yyyy/M/d", "yyyy-MM-dd"];
        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        var millis = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(millis).ToOffset(TimeSpan.FromHours(8)).DateTime);
    }

    public static bool TryDate(string text, out DateOnly date)
    {
        try
        {
            date = Date(text);
            return true;
        }
        catch (FormatException)
        {
            date = default;
            return false;
        }
    }
}
