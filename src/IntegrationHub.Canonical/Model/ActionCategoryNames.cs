using System.Text.Json;

namespace IntegrationHub.Canonical.Model;

/// <summary>
/// The category as canonical JSON, the store (<c>golden_records.category</c>), scopes and filters write it: camelCase
/// (<c>licensing</c>, <c>penalty</c>, …). One place, so the five readers of it cannot disagree.
/// </summary>
public static class ActionCategoryNames
{
    private static readonly string[] Names = [.. Enum.GetNames<ActionCategory>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    /// <summary>Every category's name, in the order of the national codes 01–10.</summary>
    public static IReadOnlyList<string> All { get; } = Names;

    public static string WireName(this ActionCategory category) => Names[(int)category];
}
