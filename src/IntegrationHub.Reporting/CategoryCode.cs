using System.Text.Json;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Reporting;

/// <summary>The category as the store and scopes name it (camelCase, as in <c>golden_records.category</c>).</summary>
public static class CategoryCode
{
    public static string Of(ActionCategory category) => JsonNamingPolicy.CamelCase.ConvertName(category.ToString());
}
