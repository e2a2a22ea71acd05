using IntegrationHub.CreditPublicity;

namespace IntegrationHub.Reporting.Exports;

/// <summary>The rows of one 双公示 template as a table whose header is the field codes of the standard.</summary>
public static class CreditTables
{
    public static ExportTable Of(CreditTemplate template, IEnumerable<CreditRecord> records) => new(
        $"{(template.Kind == CreditRecordKind.Penalty ? "cf" : "xk")}-{(template.NaturalPerson ? "natural-persons" : "legal-persons")}",
        [.. template.Fields.Select(f => f.Code)],
        [.. records.Where(r => r.Template == template).Select(r => (IReadOnlyList<string?>)[.. template.Fields.Select(f => r[f.Code])])]);
}
