using System.Security.Claims;
using System.Text.Json.Nodes;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Apis.Subscriptions;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Pipeline.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Security;

/// <summary>
/// Invariant 7 for department IT keys: on the connector endpoints such a key sees and manages only the connectors
/// whose <c>department</c> is its own. One endpoint filter on the whole connectors group, so no endpoint can forget it:
/// the connector named by the route, the department of a definition sent in the body, and the list are all checked.
/// Administrators and operators pass unchanged.
/// </summary>
public sealed class DepartmentBoundary(ConnectorCatalog catalog) : IEndpointFilter
{
    public const string Rule = "department.own-connectors";

    /// <summary>What a department key is told about another department's connector.</summary>
    public static UseCaseProblem NotItsConnector(ConnectorDefinition connector, string? department)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return UseCaseProblem.Forbidden("id", connector.Id, Rule,
            $"Connector '{connector.Id}' belongs to department '{connector.Department}'; this key manages the connectors of department '{department}' only.");
    }

    /// <summary>
    /// Whether the key is a department IT key confined to its own department's connectors (administrators and operators
    /// are not, whatever else they hold), and that department. The one definition the filter and the use cases share.
    /// </summary>
    public static bool Confines(ClaimsPrincipal user, out string? department)
    {
        ArgumentNullException.ThrowIfNull(user);
        department = user.FindFirst(HubClaimTypes.Department)?.Value;
        return user.IsInRole(HubRoles.Department) && !user.IsInRole(HubRoles.Administrator) && !user.IsInRole(HubRoles.Operator);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = context.HttpContext.User;
        if (!Confines(user, out var department))
            return await next(context).ConfigureAwait(false);

        if (context.HttpContext.GetRouteValue("id") is string id && catalog.Find(id) is { } connector && connector.Department != department)
            return ApiProblems.Problem(NotItsConnector(connector, department));

        if (context.Arguments.OfType<JsonObject>().FirstOrDefault() is { } definition)
        {
            var declared = definition["department"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (declared != department)
            {
                return SubscriptionProblems.Forbidden("department", declared, Rule,
                    $"A department key registers connectors of its own department only: set \"department\" to '{department}'.");
            }
        }

        var result = await next(context).ConfigureAwait(false);
        return result is Ok<ConnectorView[]> { Value: { } all }
            ? TypedResults.Ok(all.Where(c => c.Department == department).ToArray())
            : result;
    }
}
