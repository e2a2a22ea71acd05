using System.Security.Claims;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Pipeline.Catalog;

namespace IntegrationHub.Host.Security;

/// <summary>
/// Invariant 7 for department IT keys: on the connector endpoints such a key sees and manages only the connectors
/// whose <c>department</c> is its own. The use cases (<see cref="ConnectorRegistrations"/>, <see cref="ConnectorRuns"/>)
/// check it for what they do and list only the key's own connectors; this endpoint filter on the whole connectors group
/// checks the connector named by the route and the department of a definition sent in the body before any endpoint
/// runs, so that an endpoint that is no use case (check, discover, preview, runs) cannot forget it. Administrators and
/// operators pass unchanged.
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
    /// The connector a caller names, when the caller may manage it: a not-found problem when no connector has the id, a
    /// forbidden one when a department key names another department's. The one lookup every connector use case makes.
    /// </summary>
    public static Outcome<ConnectorDefinition> FindFor(IConnectorRegistry registry, Caller caller, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(caller);
        if (registry.Find(connectorId) is not { } connector)
            return UseCaseProblem.NotFound("connector", "id", connectorId);
        return caller.IsConfinedToDepartment(out var department) && connector.Department != department
            ? NotItsConnector(connector, department)
            : connector;
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

        if (context.Arguments.OfType<JsonObject>().FirstOrDefault() is { } definition && RefusesDefinition(user, definition) is { } refused)
            return ApiProblems.Problem(refused);

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Why a department key may not send this connector definition (another department's, or none); null when it may, and for every other key.</summary>
    public static UseCaseProblem? RefusesDefinition(Caller caller, JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RefusesDefinition(caller.User, definition);
    }

    private static UseCaseProblem? RefusesDefinition(ClaimsPrincipal user, JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!Confines(user, out var department))
            return null;
        var declared = definition["department"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return declared == department
            ? null
            : UseCaseProblem.Forbidden("department", declared, Rule,
                $"A department key registers connectors of its own department only: set \"department\" to '{department}'.");
    }
}
