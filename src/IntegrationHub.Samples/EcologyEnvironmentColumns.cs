namespace IntegrationHub.Samples;

/// <summary>Column names of department B (生态环境局 执法系统), table enforcement_cases.</summary>
internal static class EcologyEnvironmentColumns
{
    public const string Table = "enforcement_cases";
    public const string CaseId = "case_id";
    public const string CaseName = "case_name";
    public const string DecisionNumber = "decision_no";
    public const string Agency = "agency_name";
    public const string AgencyUscc = "agency_code";
    public const string AgencyLevel = "agency_level";
    public const string Region = "region";
    public const string Category = "action_type";
    public const string PartyType = "party_type";
    public const string PartyName = "party_name";
    public const string PartyCode = "party_code";
    public const string Representative = "legal_rep";
    public const string Officer1 = "officer1";
    public const string Officer1Certificate = "officer1_cert";
    public const string Officer2 = "officer2";
    public const string Officer2Certificate = "officer2_cert";
    public const string Filed = "filed_date";
    public const string Decided = "decided_at";
    public const string Delivered = "delivered_date";
    public const string Closed = "closed_date";
    public const string Published = "published_date";
    public const string Procedure = "procedure_code";
    public const string ViolationType = "violation_type";
    public const string Facts = "facts";
    public const string LegalBasis = "legal_basis";
    public const string PenaltyKinds = "penalty_kinds";
    public const string DecisionContent = "decision_content";
    public const string FineWan = "fine_wan";
    public const string ConfiscatedWan = "confiscated_wan";
    public const string PropertyWan = "property_wan";
    public const string Major = "major_case";
    public const string Reviewer = "review_by";
    public const string ReviewDate = "review_date";
    public const string ReviewResult = "review_result";
    public const string UpdatedAt = "updated_at";

    public const string PenaltyCategory = "CF";
    public const string InspectionCategory = "JC";
    public const string LicensingCategory = "XK";

    public const string NaturalPerson = "PER";
    public const string LegalPerson = "ENT";
    public const string Organization = "ORG";
    public const string IndividualBusiness = "IND";
}
