using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Samples;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>
/// Normalization with the bundled mappings, over the valid rows of the sample departments for many generator seeds
/// (100 seeds × 3 cases per department ≈ 600 rows per property): deterministic and idempotent.
/// </summary>
public sealed class NormalizationPropertyTests
{
    private const int Seeds = 100;
    private const int CasesPerSeed = 3;

    private static readonly Dictionary<string, MappingDefinition> Mappings = SampleDepartment.All.ToDictionary(
        d => d.Id,
        d => MappingDefinition.Parse(File.ReadAllText(RepositoryRoot.Combine("connectors", $"{d.Id}.mapping.json"))));

    [Property(MaxTest = Seeds)]
    public void Normalize_SameRawRecordTwice_GivesTheSameRecordAndContentHash(DoNotSize<int> seed)
    {
        foreach (var (department, raw) in ValidRawRecords(seed.Item))
        {
            var original = raw.DeepClone();

            var first = new RecordNormalizer(Mappings[department.Id]).Normalize(raw);
            var second = new RecordNormalizer(Mappings[department.Id]).Normalize(raw);

            Assert.True(first.IsValid, Describe(first));
            Assert.NotNull(first.ContentHash);
            Assert.Equal(first.ContentHash, second.ContentHash);
            Assert.Equal(CanonicalJson.Serialize(first.Record!), CanonicalJson.Serialize(second.Record!));
            Assert.True(JsonNode.DeepEquals(original, raw), "Normalization changed the raw record.");
        }
    }

    [Property(MaxTest = Seeds)]
    public void Normalize_ThenSerializeAndValidateAgain_GivesNoErrorAndTheSameJsonAndHash(DoNotSize<int> seed)
    {
        foreach (var (department, raw) in ValidRawRecords(seed.Item))
        {
            var normalizer = new RecordNormalizer(Mappings[department.Id]);
            var result = normalizer.Normalize(raw);
            Assert.True(result.IsValid, Describe(result));

            var json = CanonicalJson.Serialize(result.Record!);
            var errors = normalizer.Validate(JsonNode.Parse(json)!.AsObject()).Where(i => i.Severity == IssueSeverity.Error).ToList();
            var reread = CanonicalJson.Deserialize(json);

            Assert.True(errors.Count == 0, $"{json}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => e.MessageEn))}");
            Assert.Equal(json, CanonicalJson.Serialize(reread));
            Assert.Equal(result.ContentHash, CanonicalJson.ContentHash(reread));
        }
    }

    /// <summary>The rows the generator means to be valid, as a connector hands them to the engine.</summary>
    private static IEnumerable<(SampleDepartment Department, JsonObject Raw)> ValidRawRecords(int seed) =>
        new SampleGenerator(seed).Generate(CasesPerSeed)
            .Where(generated => generated.Row.Truth.Defect is null)
            .Select(generated => (generated.Department, JsonSerializer.SerializeToNode(generated.Row.Values)!.AsObject()));

    private static string Describe(NormalizationResult result) =>
        $"{result.SourceKey}: {string.Join(" | ", result.Issues.Select(i => $"{i.Field} from {i.SourceField}: {i.Rule} {i.MessageEn}"))}";
}
