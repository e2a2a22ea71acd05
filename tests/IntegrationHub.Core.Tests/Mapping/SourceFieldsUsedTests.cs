using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Core.Tests.Mapping;

public sealed class SourceFieldsUsedTests
{
    [Fact]
    public void SourceFieldsUsed_ListsKeyVersionSourcesConditionsAndTemplateFields_AtTopLevel()
    {
        var mapping = MappingDefinition.Parse("""
            {
              "version": 1,
              "sourceKey": ["机关代码", "案件ID"],
              "sourceVersion": "更新时间",
              "fields": {
                "caseName": { "from": "案件名称" },
                "decisionNumber": { "template": "{年度}-{序号}" },
                "agency.name": { "from": ["机关.名称", "备用机关名称"], "when": { "field": "类型", "equals": "A" } }
              }
            }
            """);

        string[] expected = ["机关代码", "案件ID", "更新时间", "案件名称", "年度", "序号", "机关", "备用机关名称", "类型"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), mapping.SourceFieldsUsed.Order(StringComparer.Ordinal));
    }
}
