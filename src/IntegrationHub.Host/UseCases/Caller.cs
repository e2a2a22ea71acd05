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

    /// <summary>Whether this is a department IT key, which manages its own department's connectors only (<see cref="DepartmentBoundary"/>).</summary>
    public bool IsConfinedToDepartment(out string? department) => DepartmentBoundary.Confines(User, out department);

    public static Caller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new Caller(http.User, http.Request.Path.StartsWithSegments(HubApis.Prefix, StringComparison.OrdinalIgnoreCase) ? ViaApi : ViaDashboard);
    }
}
