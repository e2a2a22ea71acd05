using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Mapping.Identity;
using IntegrationHub.Samples;

namespace IntegrationHub.Core.Tests.Samples;

/// <summary>The bundled connectors' mapping files against the rows of the sample departments.</summary>
public sealed class SampleMappingTests
{
    private const int Cases = 2_000;

    private static readonly Lazy<List<(SampleDepartment Department, SampleRow Row)>> Generated =
        new(() => new SampleGenerator(2024).Generate(Cases).ToList());

    public static TheoryData<string> Departments => new(SampleDepartment.All.Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Departments))]
    public void ConnectorDefinition_PointsAtTheDepartmentTableAndMapping(string departmentId)
    {
        var department = Department(departmentId);
        var connector = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("connectors", $"{departmentId}.connector.json")))!.AsObject();

        Assert.Equal(departmentId, (string?)connector["id"]);
        Assert.Equal(departmentId, (string?)connector["department"]);
        Assert.Equal($"{departmentId}.mapping.json", (string?)connector["mapping"]);
        Assert.Equal(department.Table, (string?)connector["source"]!["table"]);
        Assert.Equal(department.KeyColumn, (string?)connector["source"]!["key"]);
        Assert.Equal(department.WatermarkColumn, (string?)connector["source"]!["watermark"]);
        Assert.Equal($"Data Source={{dataDirectory}}/samples/{departmentId}.db", (string?)connector["source"]!["connectionString"]);
    }

    [Fact]
    public void ConnectorDefinitions_MakeMarketRegulationAuthoritative()
    {
        int Priority(string id) =>
            (int)JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("connectors", $"{id}.connector.json")))!["priority"]!;

        Assert.True(Priority(SampleDepartment.MarketRegulation.Id) > Priority(SampleDepartment.EcologyEnvironment.Id));
    }

    [Theory]
    [MemberData(nameof(Departments))]
    public void Mapping_UsesEveryColumnOfItsDepartment(string departmentId)
    {
        var department = Department(departmentId);
        var mapping = Mapping(departmentId);

        var used = mapping.Fields.SelectMany(f => f.From.Concat(f.When is { } w ? [w.Field] : []))
            .Concat(mapping.SourceKey)
            .Append(mapping.SourceVersion!)
            .ToHashSet();

        Assert.Equal([department.KeyColumn], mapping.SourceKey);
        Assert.Equal(department.WatermarkColumn, mapping.SourceVersion);
        var unmapped = department.Columns.Select(c => c.Name).Where(c => !used.Contains(c)).ToList();
        var unknown = used.Where(c => department.Columns.All(col => col.Name != c)).ToList();
        Assert.True(unmapped.Count == 0, "Columns not mapped: " + string.Join(", ", unmapped));
        Assert.True(unknown.Count == 0, "Mapping reads columns the table lacks: " + string.Join(", ", unknown));
    }

    [Theory]
    [MemberData(nameof(Departments))]
    public void Normalize_2000Rows_ValidRowsPassAndDefectiveRowsAreRejectedNamingTheBrokenField(string departmentId)
    {
        var normalizer = new RecordNormalizer(Mapping(departmentId));
        var failures = new List<string>();
        var defective = 0;

        foreach (var (_, row) in Generated.Value.Where(r => r.Department.Id == departmentId))
        {
            var result = normalizer.Normalize(Raw(row));
            var errors = result.Errors.ToList();
            Assert.Equal(row.SourceKey, result.SourceKey);
            if (row.Truth.Defect is null)
            {
                // Warnings (late publication, missing hearing notice …) are quality flags of valid rows, not failures.
                if (!result.IsValid)
                {
                    failures.Add($"{row.SourceKey} should pass without errors: {string.Join(" | ", errors.Select(e => e.MessageEn))}");
                }

                continue;
            }

            defective++;
            if (result.IsValid)
            {
                failures.Add($"{row.SourceKey} ({row.Truth.Defect} in {row.Truth.DefectColumn}) should be rejected");
            }
            else if (!errors.Any(e => e.SourceField == row.Truth.DefectColumn))
            {
                failures.Add($"{row.SourceKey} ({row.Truth.Defect} in {row.Truth.DefectColumn}) rejected without naming it: " +
                    string.Join(" | ", errors.Select(e => $"{e.Field} from {e.SourceField}: {e.Rule}")));
            }
        }

        Assert.True(defective > 0);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void Normalize_MarketRegulationPenaltyRow_GivesTheCanonicalRecord()
    {
        var normalizer = new RecordNormalizer(Mapping(SampleDepartment.MarketRegulation.Id));
        var row = Generated.Value
            .Select(r => r.Row)
            .First(r => r.Truth.Defect is null && (string?)r.Values["处罚种类"] is { } kinds && kinds.Contains("罚款", StringComparison.Ordinal)
                && r.Values["协办人"] is not null);

        var record = normalizer.Normalize(Raw(row)).Record!;

        Assert.Equal(ActionCategory.Penalty, record.Category);
        Assert.Equal((string?)row.Values["执法机关"], record.Agency.Name);
        Assert.Equal(row.Truth.CaseIdentity, record.Agency.Uscc + "|" + record.DecisionNumber);
        Assert.Equal(2, record.Officers.Count);
        Assert.All(record.Officers, o => Assert.NotNull(o.CertificateNumber));
        Assert.Single(record.Counterparts);
        Assert.NotNull(record.Dates.Decided);
        Assert.Equal(SampleRowReader.FineYuan(SampleDepartment.MarketRegulation, row), record.Penalties.Single(p => p.Type == PenaltyType.Fine).AmountYuan);
        Assert.Equal(((string)row.Values["处罚依据"]!).Split('；'), record.LegalBasis);
        Assert.NotNull(record.LegalReview);
        Assert.NotNull(record.Publication?.PublishedOn);
    }

    [Fact]
    public void Normalize_SharedCases_GiveTheSameCaseIdentityAndSomeConflicts()
    {
        var market = new RecordNormalizer(Mapping(SampleDepartment.MarketRegulation.Id));
        var ecology = new RecordNormalizer(Mapping(SampleDepartment.EcologyEnvironment.Id));
        var pairs = Generated.Value.GroupBy(r => r.Row.Truth.CaseIdentity).Where(g => g.Count() == 2).ToList();
        var differentContent = 0;

        Assert.NotEmpty(pairs);
        foreach (var pair in pairs)
        {
            var a = pair.Single(r => r.Department == SampleDepartment.MarketRegulation).Row;
            var b = pair.Single(r => r.Department == SampleDepartment.EcologyEnvironment).Row;
            var ra = market.Normalize(Raw(a));
            var rb = ecology.Normalize(Raw(b));

            Assert.Equal(
                CaseIdentity.Of(ra.Record!, SampleDepartment.MarketRegulation.Id, a.SourceKey),
                CaseIdentity.Of(rb.Record!, SampleDepartment.EcologyEnvironment.Id, b.SourceKey));
            Assert.Equal(ra.Record!.DecisionNumber, rb.Record!.DecisionNumber);
            Assert.Equal(ra.Record.Counterparts, rb.Record.Counterparts);
            differentContent += ra.ContentHash == rb.ContentHash ? 0 : 1;
        }

        Assert.True(differentContent > 0);
    }

    [Theory]
    [MemberData(nameof(Departments))]
    public void InputHash_IsTheSameForTheSameRowAndMapping_AndDiffersWithTheRowOrTheMapping(string departmentId)
    {
        var department = Department(departmentId);
        var rows = Generated.Value.Where(r => r.Department == department).Take(2).Select(r => Raw(r.Row).ToJsonString()).ToList();
        var normalizer = new RecordNormalizer(Mapping(departmentId));
        var again = new RecordNormalizer(Mapping(departmentId));
        var document = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("connectors", $"{departmentId}.mapping.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        document["version"] = document["version"]!.GetValue<int>() + 1;
        var raised = new RecordNormalizer(MappingDefinition.Parse(document));

        Assert.Equal(normalizer.InputHashOf(rows[0]), again.InputHashOf(rows[0]));
        Assert.NotEqual(normalizer.InputHashOf(rows[0]), normalizer.InputHashOf(rows[1]));
        Assert.NotEqual(normalizer.InputHashOf(rows[0]), raised.InputHashOf(rows[0]));
        Assert.Null(new RecordNormalizer(Mapping(departmentId) with { Fingerprint = null }).InputHashOf(rows[0]));
    }

    /// <summary>
    /// The store trusts a content computed from the same input hash, and the input hash carries the normalizer's
    /// revision: whatever changes what the sample rows normalize to must raise <see cref="RecordNormalizer.Revision"/>.
    /// </summary>
    [Theory]
    [InlineData("market-regulation", 1, "356e1122365e")]
    [InlineData("ecology-environment", 1, "670e82e6b135")]
    public void WhatTheSampleRowsNormalizeTo_IsWhatTheNormalizersRevisionWasRecordedWith(string departmentId, int revision, string digest)
    {
        var department = Department(departmentId);
        var normalizer = new RecordNormalizer(Mapping(departmentId));
        var outcomes = string.Join('\n', Generated.Value.Where(r => r.Department == department)
            .Select(r => normalizer.Normalize(Raw(r.Row)))
            .Select(r => r.ContentHash ?? "rejected " + string.Join(' ', r.Errors.Select(e => e.Rule).Order(StringComparer.Ordinal))));
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(outcomes)))[..12];

        Assert.True(revision == RecordNormalizer.Revision && actual == digest,
            $"The sample rows of {departmentId} normalize to digest {actual} under revision {RecordNormalizer.Revision}; recorded: {digest} under {revision}. " +
            "If the hub's normalization changed on purpose, raise RecordNormalizer.Revision (so that no stored result of the old one is trusted) " +
            "and record both here; if only the bundled mapping changed (its fingerprint already changes every input hash), record the digest.");
    }

    /// <summary>The row as a connector hands it to the engine: a JSON object of column → value.</summary>
    private static JsonObject Raw(SampleRow row)
    {
        var raw = new JsonObject();
        foreach (var (column, value) in row.Values)
        {
            raw[column] = value switch
            {
                null => null,
                long l => JsonValue.Create(l),
                decimal d => JsonValue.Create(d),
                string s => JsonValue.Create(s),
                _ => throw new InvalidOperationException($"Unexpected value type {value.GetType()} in column {column}."),
            };
        }

        return raw;
    }

    private static MappingDefinition Mapping(string departmentId) =>
        MappingDefinition.Parse(File.ReadAllText(RepositoryRoot.Combine("connectors", $"{departmentId}.mapping.json")));

    private static SampleDepartment Department(string id) => SampleDepartment.All.Single(d => d.Id == id);
}
