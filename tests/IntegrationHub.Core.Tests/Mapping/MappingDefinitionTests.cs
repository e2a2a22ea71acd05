using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>What <see cref="MappingDefinition.Parse(string)"/> reads, and the mistakes only it can see.</summary>
public sealed class MappingDefinitionTests
{
    [Fact]
    public void Parse_EveryKey_IsReadIntoTheDefinition()
    {
        var mapping = MappingDefinition.Parse("""
            {
              // Comments and trailing commas are allowed, as in appsettings.json.
              "version": 3,
              "sourceKey": ["机关代码", "案件编号"],
              "sourceVersion": "更新时间",
              "codeLists": { "penaltyType": { "map": { " 罚款 ": "fine" }, "unknown": { "default": "other" } } },
              "fields": {
                "decisionNumber": { "from": ["新文号", "旧文号"], "text": ["trim", "halfWidth", "documentNumber"], "default": "无" },
                "penalties[]": { "from": "处罚种类", "split": ["；", ";"], "code": "penaltyType", "item": "type", "when": { "field": "案件类别", "in": ["02", 3] } },
                "penalties[type=fine].amountYuan": { "from": "罚款金额", "number": { "unit": "wanYuan" } },
                "dates.decided": { "from": "决定日期", "date": ["yyyy年M月d日", "epochMillis"], "when": { "field": "决定日期", "exists": true } },
                "legalReview.required": { "from": "是否重大案件", "bool": { "true": "是", "false": ["否", "0"] } },
                "agency.level": { "const": "county" },
                "caseNumber": { "template": "{年度}-{序号}" },
              },
            }
            """);

        Assert.Equal(3, mapping.Version);
        Assert.Equal(["机关代码", "案件编号"], mapping.SourceKey);
        Assert.Equal("更新时间", mapping.SourceVersion);
        var rules = mapping.Fields.ToDictionary(r => r.Target.Text);

        Assert.Equal(["新文号", "旧文号"], rules["decisionNumber"].From);
        Assert.Equal([TextOperation.Trim, TextOperation.HalfWidth, TextOperation.DocumentNumber], rules["decisionNumber"].Text);
        Assert.Equal("无", (string?)rules["decisionNumber"].Default);
        Assert.Equal("新文号", rules["decisionNumber"].SourceField);

        var penalties = rules["penalties[]"];
        Assert.True(penalties.Target.ProducesMany);
        Assert.Equal(["；", ";"], penalties.Split);
        Assert.Equal("penaltyType", penalties.Code!.Name);
        Assert.Equal("fine", penalties.Code.Entries["罚款"]);
        Assert.Equal(new UnknownCodePolicy(UnknownCodeAction.Default, "other"), penalties.Code.Unknown);
        Assert.Equal("type", penalties.Item);
        Assert.Equal("案件类别", penalties.When!.Field);
        Assert.Equal(["02", "3"], penalties.When.AnyOf);

        Assert.True(rules["penalties[type=fine].amountYuan"].Target.HasSelector);
        Assert.Equal(NumberUnit.WanYuan, rules["penalties[type=fine].amountYuan"].Number!.Unit);
        Assert.Equal(["yyyy年M月d日", "epochMillis"], rules["dates.decided"].DateFormats);
        Assert.True(rules["dates.decided"].When!.Exists);
        Assert.Equal(["是"], rules["legalReview.required"].Bool!.True);
        Assert.Equal(["否", "0"], rules["legalReview.required"].Bool!.False);
        Assert.Equal("county", (string?)rules["agency.level"].Const);
        Assert.Equal("{年度}-{序号}", rules["caseNumber"].Template);
        Assert.Equal("{年度}-{序号}", rules["caseNumber"].SourceField);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{ "version": 1 } x""")]
    [InlineData("""{ "version": 1, "sourceKey": "id", "fields": { "agency.name": { "from": '执法机关' } } }""")]
    public void Parse_TextThatIsNotJson_FailsAtTheRoot(string json) =>
        Assert.Equal("$", Assert.Throws<MappingException>(() => MappingDefinition.Parse(json)).Path);

    /// <summary>Regression: a target written twice threw an ArgumentException from deep inside System.Text.Json.</summary>
    [Theory]
    [InlineData("""{ "version": 1, "sourceKey": "id", "fields": { "agency.name": { "from": "a" }, "agency.name": { "from": "b" } } }""", "agency.name")]
    [InlineData("""{ "version": 1, "sourceKey": "id", "version": 2, "fields": {} }""", "version")]
    [InlineData("""{ "version": 1, "sourceKey": "id", "fields": { "x": { "from": "a", "from": "b" } } }""", "from")]
    public void Parse_KeyWrittenTwice_FailsNamingTheKey(string json, string key)
    {
        var error = Assert.Throws<MappingException>(() => MappingDefinition.Parse(json));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CodeListThatIsNotDefined_FailsNamingTheRule()
    {
        var error = Assert.Throws<MappingException>(() => MappingDefinition.Parse(
            """{ "version": 1, "sourceKey": "id", "codeLists": { "category": { "map": {} } }, "fields": { "category": { "from": "a", "code": "categories" } } }"""));

        Assert.Equal("fields.category.code", error.Path);
        Assert.Contains("'categories'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MappingError_NamesThePathInItsMessage()
    {
        var error = Assert.Throws<MappingException>(() => MappingDefinition.Parse(
            """{ "version": 1, "sourceKey": "id", "fields": { "agency.name": { "from": "a", "text": "strip" } } }"""));

        Assert.StartsWith("fields.agency.name.text: 'strip' is not a text operation", error.Message, StringComparison.Ordinal);
    }
}
