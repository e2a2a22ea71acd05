using System.Security.Claims;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Security;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// Who asks for a use case and through what: the signed-in key (its roles, scopes and department) and whether the
/// request came through the API or the dashboard. Use cases authorize and audit with it; they never see HTTP.
/// </summary>
public sealed record Caller(ClaimsPrincipal User, string Via)
{
    public const string ViaApi = "api";
    public const string ViaDashboard = "dashboard";

    public string KeyId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";

    public string Name => User.FindFirstValue(ClaimTypes.Name) ?? "anonymous";

    /// <summary>The department a department IT key is confined to; null for any key that sees every connector.</summary>
    public string? ConfinedToDepartment =>
        User.IsInRole(HubRoles.Department) && !User.IsInRole(HubRoles.Administrator) && !User.IsInRole(HubRoles.Operator)
            ? User.FindFirst(HubClaimTypes.Department)?.Value ?? ""
            : null;

    public static Caller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new Caller(http.User, http.Request.Path.StartsWithSegments(HubApis.Prefix, StringComparison.OrdinalIgnoreCase) ? ViaApi : ViaDashboard);
    }
}
