using A = IntegrationHub.Samples.MarketRegulationColumns;
using B = IntegrationHub.Samples.EcologyEnvironmentColumns;

namespace IntegrationHub.Samples;

/// <summary>
/// A simulated departmental enforcement system: its id (the connector's department), its table, the key and
/// watermark columns used for keyset paging, and every column of the table in order.
/// </summary>
public sealed record SampleDepartment(
    string Id,
    string Name,
    string Table,
    string KeyColumn,
    string WatermarkColumn,
    IReadOnlyList<SampleColumn> Columns)
{
    /// <summary>
    /// Department A, 市场监督管理局 办案系统: Chinese column names, numeric category codes, dates like "2024年3月5日",
    /// amounts in 元, watermark 更新时间 as "yyyy-MM-dd HH:mm:ss.fff" (China Standard Time).
    /// </summary>
    public static SampleDepartment MarketRegulation { get; } = new(
        "market-regulation",
        "市场监督管理局 行政执法办案系统",
        A.Table,
        A.CaseId,
        A.UpdatedAt,
        [
            new(A.CaseId, SampleColumnType.Integer),
            Text(A.CaseName), Text(A.CaseNumber), Text(A.DecisionNumber),
            Text(A.Agency), Text(A.AgencyUscc), Text(A.Region), Text(A.AgencyLevel),
            Text(A.Category),
            Text(A.PartyType), Text(A.PartyName), Text(A.PartyUscc), Text(A.IdType), Text(A.IdNumber), Text(A.Representative),
            Text(A.Officer1), Text(A.Officer1Certificate), Text(A.Officer2), Text(A.Officer2Certificate),
            Text(A.Filed), Text(A.Decided), Text(A.Delivered), Text(A.Closed), Text(A.Published),
            Text(A.Procedure), Text(A.ViolationType), Text(A.Facts), Text(A.LegalBasis),
            Text(A.PenaltyKinds), Text(A.DecisionContent), Text(A.Fine),
            new(A.Confiscated, SampleColumnType.Decimal),
            new(A.ConfiscatedProperty, SampleColumnType.Decimal),
            Text(A.Major), Text(A.Reviewer), Text(A.ReviewDate), Text(A.ReviewResult),
            Text(A.UpdatedAt),
        ]);

    /// <summary>
    /// Department B, 生态环境局 执法系统: English snake_case columns, letter category codes, the provincial numeric
    /// penalty codes, amounts in 万元, dates in mixed formats (yyyyMMdd, yyyy/M/d, epoch milliseconds), watermark
    /// updated_at as ISO 8601 text with a +08:00 offset.
    /// </summary>
    public static SampleDepartment EcologyEnvironment { get; } = new(
        "ecology-environment",
        "生态环境局 生态环境执法系统",
        B.Table,
        B.CaseId,
        B.UpdatedAt,
        [
            Text(B.CaseId), Text(B.CaseName), Text(B.DecisionNumber),
            Text(B.Agency), Text(B.AgencyUscc), Text(B.AgencyLevel), Text(B.Region),
            Text(B.Category),
            Text(B.PartyType), Text(B.PartyName), Text(B.PartyCode), Text(B.Representative),
            Text(B.Officer1), Text(B.Officer1Certificate), Text(B.Officer2), Text(B.Officer2Certificate),
            Text(B.Filed), Text(B.Decided), Text(B.Delivered), Text(B.Closed), Text(B.Published),
            Text(B.Procedure), Text(B.ViolationType), Text(B.Facts), Text(B.LegalBasis),
            Text(B.PenaltyKinds), Text(B.DecisionContent), Text(B.FineWan), Text(B.ConfiscatedWan), Text(B.PropertyWan),
            Text(B.Major), Text(B.Reviewer), Text(B.ReviewDate), Text(B.ReviewResult),
            Text(B.UpdatedAt),
        ]);

    public static IReadOnlyList<SampleDepartment> All { get; } = [MarketRegulation, EcologyEnvironment];

    private static SampleColumn Text(string name) => new(name, SampleColumnType.Text);
}
