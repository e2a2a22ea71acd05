using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Mapping.Validation;
using Json.Schema;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>
/// schemas/mapping.schema.json and <see cref="MappingDefinition.Parse(string)"/> agree: what one accepts the other
/// accepts, and a broken mapping fails both, Parse naming the offending key.
/// </summary>
public sealed partial class MappingSchemaTests
{
    private static readonly Lazy<string> SchemaText = new(() => File.ReadAllText(RepositoryRoot.Combine("schemas", "mapping.schema.json")));

    // One instance for the whole run: the schema registers itself under its $id when evaluated.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(SchemaText.Value));

    public static TheoryData<string> BundledMappings =>
        new(Directory.GetFiles(RepositoryRoot.Combine("connectors"), "*.mapping.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Fact]
    public void Schema_IsADraft202012Schema()
    {
        var results = SchemaGate.Evaluate(MetaSchemas.Draft202012, JsonNode.Parse(SchemaText.Value), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, string.Join(Environment.NewLine, Errors(results)));
    }

    [Theory]
    [MemberData(nameof(BundledMappings))]
    public void BundledMapping_ValidatesAgainstTheSchemaAndParses(string file)
    {
        var json = File.ReadAllText(RepositoryRoot.Combine("connectors", file));

        AssertAccepted(json);
        Assert.Equal("../schemas/mapping.schema.json", (string?)JsonNode.Parse(json)!["$schema"]);
    }

    [Fact]
    public void DocumentedExample_ValidatesAgainstTheSchemaAndParses()
    {
        var markdown = File.ReadAllText(RepositoryRoot.Combine("docs", "mapping.md"));

        AssertAccepted(JsonBlock().Match(markdown).Groups["json"].Value);
    }

    public static TheoryData<string> AcceptedMappings => new()
    {
        Document("""{ "agency.name": { "from": "执法机关" } }"""),
        """{ "version": 1, "sourceKey": ["机关代码", "案件编号"], "fields": {} }""",
        """{ "version": 1.0, "sourceKey": "id", "fields": {} }""",
        """{ "$schema": "../schemas/mapping.schema.json", "description": "某县 执法系统", "version": 2147483647, "sourceKey": "id", "sourceVersion": "更新时间", "codeLists": {}, "fields": {} }""",
        Document("""{ "agency.name": { "from": ["新名称", "旧名称"], "text": "trim", "default": "未知", "description": "执法主体名称" } }"""),
        Document("""{ "agency.level": { "default": "county" } }"""),
        Document("""{ "agency.level": { "const": "county", "default": "city" } }"""),
        Document("""{ "publication": { "const": { "channels": ["网站"] } } }"""),
        Document("""{ "caseNumber": { "template": "{年度}-{序号}", "text": ["trim", "halfWidth", "upper", "lower", "collapseSpaces", "documentNumber", "nullIfEmpty"] } }"""),
        Document("""{ "x": { "from": "a", "when": { "field": "b", "equals": "02" } } }"""),
        Document("""{ "x": { "from": "a", "when": { "field": "b", "equals": 2 } } }"""),
        Document("""{ "x": { "from": "a", "when": { "field": "b", "in": ["02", 3, true] } } }"""),
        Document("""{ "x": { "from": "a", "when": { "field": "b", "exists": false } } }"""),
        Document("""{ "x": { "from": "a", "when": { "field": "b", "exists": true, "equals": "1" } } }"""),
        Document("""{ "x": { "from": "a", "code": "category" } }""", """{ "category": { "map": { "01": "licensing" }, "description": "案件类别" } }"""),
        Document("""{ "x": { "from": "a", "code": { "map": {} } } }"""),
        Document("""{ "x": { "from": "a", "code": { "map": { "1": "a" }, "unknown": "reject" } } }"""),
        Document("""{ "x": { "from": "a", "code": { "map": { "1": "a" }, "unknown": "keep" } } }"""),
        Document("""{ "x": { "from": "a", "code": { "map": { "1": "a" }, "unknown": "null" } } }"""),
        Document("""{ "x": { "from": "a", "code": { "map": { "1": "a" }, "unknown": { "default": "other" } } } }"""),
        Document("""{ "x": { "from": "a", "date": "yyyy年M月d日" } }"""),
        Document("""{ "x": { "from": "a", "date": ["iso", "epochMillis", "epochSeconds", "excelSerial", "yyyy.MM.dd"] } }"""),
        Document("""{ "x": { "from": "a", "number": true } }"""),
        Document("""{ "x": { "from": "a", "number": {} } }"""),
        Document("""{ "x": { "from": "a", "number": { "unit": "yuan" } } }"""),
        Document("""{ "x": { "from": "a", "number": { "unit": "wanYuan" } } }"""),
        Document("""{ "x": { "from": "a", "bool": { "true": "是", "false": ["否", "0"] } } }"""),
        Document("""{ "penalties[]": { "from": "a", "split": ";", "item": "type" }, "legalBasis[]": { "from": "b", "split": ["；", ";"] } }"""),
        Document("""{ "officers[0].name": { "from": "a" }, "officers[12].certificateNumber": { "from": "b" } }"""),
        Document("""{ "penalties[type=fine].amountYuan": { "from": "a" }, "a[k=].b[0].c": { "from": "b" } }"""),
    };

    [Theory]
    [MemberData(nameof(AcceptedMappings))]
    public void Mapping_AcceptedByParse_IsAcceptedByTheSchema(string json) => AssertAccepted(json);

    /// <summary>
    /// Each mapping is broken in one place; the second value is the key Parse must name. (A code list that is named
    /// but not defined is beyond a schema: MappingDefinitionTests covers it.)
    /// </summary>
    public static TheoryData<string, string> BrokenMappings => new()
    {
        { "[]", "$" },
        { """{ "sourceKey": "id", "fields": {} }""", "version" },
        { """{ "version": 0, "sourceKey": "id", "fields": {} }""", "version" },
        { """{ "version": 1.5, "sourceKey": "id", "fields": {} }""", "version" },
        { """{ "version": "1", "sourceKey": "id", "fields": {} }""", "version" },
        { """{ "version": 1, "fields": {} }""", "sourceKey" },
        { """{ "version": 1, "sourceKey": [], "fields": {} }""", "sourceKey" },
        { """{ "version": 1, "sourceKey": ["id", 2], "fields": {} }""", "sourceKey" },
        { """{ "version": 1, "sourceKey": "id", "sourceVersion": 5, "fields": {} }""", "sourceVersion" },
        { """{ "version": 1, "sourceKey": "id", "sourceVersion": null, "fields": {} }""", "sourceVersion" },
        { """{ "version": 1, "sourceKey": "id" }""", "fields" },
        { """{ "version": 1, "sourceKey": "id", "fields": [] }""", "fields" },
        { """{ "version": 1, "sourceKey": "id", "fields": {}, "mappingVersion": 2 }""", "mappingVersion" },
        { """{ "version": 1, "sourceKey": "id", "fields": {}, "description": ["说明"] }""", "description" },
        { """{ "version": 1, "sourceKey": "id", "fields": {}, "$schema": 5 }""", "$schema" },
        { """{ "version": 1, "sourceKey": "id", "fields": {}, "codeLists": [] }""", "codeLists" },
        { Document("{}", """{ "category": ["01", "02"] }"""), "codeLists.category" },
        { Document("{}", """{ "category": { "unknown": "reject" } }"""), "codeLists.category" },
        { Document("{}", """{ "category": { "map": { "01": 1 } } }"""), "codeLists.category.map.01" },
        { Document("{}", """{ "category": { "map": {}, "unknown": "ignore" } }"""), "codeLists.category.unknown" },
        { Document("{}", """{ "category": { "map": {}, "unknown": { "default": 1 } } }"""), "codeLists.category.unknown" },
        { Document("{}", """{ "category": { "map": {}, "unknown": { "default": "other", "keep": true } } }"""), "codeLists.category.unknown" },
        { Document("{}", """{ "category": { "map": {}, "unknwon": "keep" } }"""), "codeLists.category.unknwon" },
        { Document("{}", """{ "category": { "map": {}, "unknown": null } }"""), "codeLists.category.unknown" },
        { Document("""{ "agency name": { "from": "a" } }"""), "fields.agency name" },
        { Document("""{ "agency.": { "from": "a" } }"""), "fields.agency." },
        { Document("""{ "1agency": { "from": "a" } }"""), "fields.1agency" },
        { Document("""{ "officers[-1].name": { "from": "a" } }"""), "fields.officers[-1].name" },
        { Document("""{ "officers[ 1].name": { "from": "a" } }"""), "fields.officers[ 1].name" },
        { Document("""{ "officers[x].name": { "from": "a" } }"""), "fields.officers[x].name" },
        { Document("""{ "penalties[=fine].amountYuan": { "from": "a" } }"""), "fields.penalties[=fine].amountYuan" },
        { Document("""{ "penalties[].type": { "from": "a" } }"""), "fields.penalties[].type" },
        { Document("""{ "penalties[type=fine]": { "from": "a" } }"""), "fields.penalties[type=fine]" },
        { Document("""{ "agency.name": "执法机关" }"""), "fields.agency.name" },
        { Document("""{ "agency.name": { "form": "执法机关" } }"""), "fields.agency.name.form" },
        { Document("""{ "agency.name": {} }"""), "fields.agency.name" },
        { Document("""{ "agency.name": { "text": "trim" } }"""), "fields.agency.name" },
        { Document("""{ "agency.name": { "from": "a", "const": "b" } }"""), "fields.agency.name" },
        { Document("""{ "agency.name": { "from": "a", "template": "{b}" } }"""), "fields.agency.name" },
        { Document("""{ "agency.name": { "const": "a", "template": "{b}" } }"""), "fields.agency.name" },
        { Document("""{ "agency.name": { "from": 5 } }"""), "fields.agency.name.from" },
        { Document("""{ "agency.name": { "from": [] } }"""), "fields.agency.name.from" },
        { Document("""{ "agency.name": { "const": null } }"""), "fields.agency.name.const" },
        { Document("""{ "agency.name": { "from": "a", "default": null } }"""), "fields.agency.name.default" },
        { Document("""{ "agency.name": { "template": 5 } }"""), "fields.agency.name.template" },
        { Document("""{ "agency.name": { "from": "a", "description": 5 } }"""), "fields.agency.name.description" },
        { Document("""{ "agency.name": { "from": "a", "text": ["trim", "strip"] } }"""), "fields.agency.name.text" },
        { Document("""{ "agency.name": { "from": "a", "text": [] } }"""), "fields.agency.name.text" },
        { Document("""{ "agency.name": { "from": "a", "split": ";" } }"""), "fields.agency.name.split" },
        { Document("""{ "agency.name": { "from": "a", "item": "type" } }"""), "fields.agency.name.item" },
        { Document("""{ "penalties[]": { "from": "a", "split": [] } }"""), "fields.penalties[].split" },
        { Document("""{ "penalties[]": { "from": "a", "item": 1 } }"""), "fields.penalties[].item" },
        { Document("""{ "category": { "from": "a", "code": ["01"] } }"""), "fields.category.code" },
        { Document("""{ "category": { "from": "a", "code": { "01": "licensing" } } }"""), "fields.category.code.01" },
        { Document("""{ "category": { "from": "a", "code": { "map": {}, "unkown": "keep" } } }"""), "fields.category.code.unkown" },
        { Document("""{ "x": { "from": "a", "date": 20240305 } }"""), "fields.x.date" },
        { Document("""{ "x": { "from": "a", "date": [] } }"""), "fields.x.date" },
        { Document("""{ "x": { "from": "a", "date": "yyyyMMdd", "number": true } }"""), "fields.x" },
        { Document("""{ "x": { "from": "a", "date": "yyyyMMdd", "bool": { "true": "是", "false": "否" } } }"""), "fields.x" },
        { Document("""{ "x": { "from": "a", "number": true, "bool": { "true": "是", "false": "否" } } }"""), "fields.x" },
        { Document("""{ "x": { "from": "a", "number": false } }"""), "fields.x.number" },
        { Document("""{ "x": { "from": "a", "number": "wanYuan" } }"""), "fields.x.number" },
        { Document("""{ "x": { "from": "a", "number": { "unit": "fen" } } }"""), "fields.x.number.unit" },
        { Document("""{ "x": { "from": "a", "number": { "unit": 10000 } } }"""), "fields.x.number.unit" },
        { Document("""{ "x": { "from": "a", "number": { "units": "yuan" } } }"""), "fields.x.number.units" },
        { Document("""{ "x": { "from": "a", "bool": true } }"""), "fields.x.bool" },
        { Document("""{ "x": { "from": "a", "bool": { "true": ["是"] } } }"""), "fields.x.bool.false" },
        { Document("""{ "x": { "from": "a", "bool": { "true": [], "false": ["否"] } } }"""), "fields.x.bool.true" },
        { Document("""{ "x": { "from": "a", "bool": { "true": "是", "false": "否", "yes": "Y" } } }"""), "fields.x.bool.yes" },
        { Document("""{ "x": { "from": "a", "when": "b" } }"""), "fields.x.when" },
        { Document("""{ "x": { "from": "a", "when": { "equals": "02" } } }"""), "fields.x.when" },
        { Document("""{ "x": { "from": "a", "when": { "field": 1, "equals": "02" } } }"""), "fields.x.when.field" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b" } } }"""), "fields.x.when" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b", "equal": "02" } } }"""), "fields.x.when.equal" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b", "equals": "02", "in": ["03"] } } }"""), "fields.x.when" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b", "equals": ["02"] } } }"""), "fields.x.when.equals" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b", "in": "02" } } }"""), "fields.x.when.in" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b", "in": [] } } }"""), "fields.x.when.in" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b", "in": ["02", null] } } }"""), "fields.x.when.in" },
        { Document("""{ "x": { "from": "a", "when": { "field": "b", "exists": "yes" } } }"""), "fields.x.when.exists" },
    };

    [Theory]
    [MemberData(nameof(BrokenMappings))]
    public void BrokenMapping_FailsTheSchemaAndParseNamingTheKey(string json, string key)
    {
        Assert.False(Evaluate(JsonNode.Parse(json)).IsValid, $"The schema accepts the broken mapping {json}");

        var error = Assert.Throws<MappingException>(() => MappingDefinition.Parse(json));
        Assert.Equal(key, error.Path);
    }

    /// <summary>A mapping document with the given <c>fields</c> and <c>codeLists</c> objects.</summary>
    private static string Document(string fields, string codeLists = "{}") =>
        $$"""{ "version": 1, "sourceKey": "id", "codeLists": {{codeLists}}, "fields": {{fields}} }""";

    private static void AssertAccepted(string json)
    {
        var results = Evaluate(JsonNode.Parse(json));
        Assert.True(results.IsValid, $"The schema rejects {json}:{Environment.NewLine}{string.Join(Environment.NewLine, Errors(results))}");
        MappingDefinition.Parse(json);
    }

    private static EvaluationResults Evaluate(JsonNode? mapping) =>
        SchemaGate.Evaluate(Schema.Value, mapping, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static IEnumerable<string> Errors(EvaluationResults results) =>
        results.Details
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value} (schema {detail.EvaluationPath})"));

    [GeneratedRegex(@"## A complete example\s+```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
