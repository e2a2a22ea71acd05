using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Host.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// API-key authentication (scheme <see cref="ApiKeyAuthenticationHandler.SchemeName"/>), the <see cref="HubPolicies"/>
    /// and the <see cref="AdminKeyBootstrapper"/>. Register the store's migration hosted service before calling this:
    /// hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddHubSecurity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyValidator>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.Reader, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(HubPolicies.Administrator, policy => policy.RequireAuthenticatedUser().RequireRole(HubRoles.Administrator))
            .AddPolicy(HubPolicies.Operator, policy => policy.RequireAuthenticatedUser().RequireRole(HubRoles.Administrator, HubRoles.Operator))
            .AddPolicy(HubPolicies.ConnectorManager, policy => policy.RequireAuthenticatedUser().RequireRole(HubRoles.Administrator, HubRoles.Operator, HubRoles.Department))
            .AddPolicy(HubPolicies.FeedReader, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c.User, HubScopes.FeedRead)))
            .AddPolicy(HubPolicies.RecordsReader, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c.User, HubScopes.RecordsRead)));

        services.AddHostedService<AdminKeyBootstrapper>();
        services.AddScoped<CallerAccess>();
        services.AddSingleton<DepartmentBoundary>();
        return services;
    }

    private static bool HasScope(ClaimsPrincipal user, string scope) => CallerAccess.HasScope(user, scope);
}
