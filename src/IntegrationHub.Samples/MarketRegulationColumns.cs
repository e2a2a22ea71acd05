namespace IntegrationHub.Samples;

/// <summary>Column names of department A (市场监督管理局 办案系统), table 行政处罚案件.</summary>
internal static class MarketRegulationColumns
{
    public const string Table = "行政处罚案件";
    public const string CaseId = "案件ID";
    public const string CaseName = "案件名称";
    public const string CaseNumber = "立案编号";
    public const string DecisionNumber = "决定书文号";
    public const string Agency = "执法机关";
    public const string AgencyUscc = "执法机关统一社会信用代码";
    public const string Region = "行政区划";
    public const string AgencyLevel = "执法机关层级";
    public const string Category = "案件类别";
    public const string PartyType = "当事人类型";
    public const string PartyName = "当事人名称";
    public const string PartyUscc = "统一社会信用代码";
    public const string IdType = "证件类型";
    public const string IdNumber = "证件号码";
    public const string Representative = "法定代表人";
    public const string Officer1 = "主办人";
    public const string Officer1Certificate = "主办人执法证号";
    public const string Officer2 = "协办人";
    public const string Officer2Certificate = "协办人执法证号";
    public const string Filed = "立案日期";
    public const string Decided = "决定日期";
    public const string Delivered = "送达日期";
    public const string Closed = "结案日期";
    public const string Published = "公示日期";
    public const string Procedure = "程序类型";
    public const string ViolationType = "违法行为";
    public const string Facts = "违法事实";
    public const string LegalBasis = "处罚依据";
    public const string PenaltyKinds = "处罚种类";
    public const string DecisionContent = "处罚内容";
    public const string Fine = "罚款金额";
    public const string Confiscated = "没收金额";
    public const string ConfiscatedProperty = "没收非法财物金额";
    public const string Major = "是否重大案件";
    public const string Reviewer = "法制审核人";
    public const string ReviewDate = "法制审核日期";
    public const string ReviewResult = "法制审核结果";
    public const string UpdatedAt = "更新时间";

    /// <summary>案件类别 codes (全国一体化政务服务平台 事项类型).</summary>
    public const string PenaltyCategory = "02";
    public const string InspectionCategory = "06";
    public const string LicensingCategory = "01";
}
