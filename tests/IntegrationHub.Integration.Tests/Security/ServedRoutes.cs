using IntegrationHub.Integration.Tests.Harness;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// Every route a running hub serves, as <c>METHOD /template</c>: the operations of the OpenAPI document it serves, every
/// endpoint of its routing (also those left out of the document: probes, the document itself, /metrics), and every
/// handler of every dashboard page (<c>POST /connectors/{id}?handler=Run</c>).
/// </summary>
public static class ServedRoutes
{
    public static async Task<IReadOnlySet<string>> OfAsync(TestHub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var routes = new SortedSet<string>(StringComparer.Ordinal);
        var document = await hub.GetJsonAsync("/openapi/v1.json");
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in operations!.AsObject())
                routes.Add($"{method.ToUpperInvariant()} {path}");
        }

        var pages = hub.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Template(endpoint.RoutePattern);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await pages.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                    routes.Add($"{handler.HttpMethod.ToUpperInvariant()} {path}{(handler.Name is null ? "" : "?handler=" + handler.Name)}");
                continue;
            }

            // An endpoint without methods (health checks, the scrape endpoint) answers any method; GET is how it is called.
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                routes.Add($"{method} {path}");
        }

        return routes;
    }

    /// <summary>The pattern as OpenAPI writes it: a leading slash, parameters without their constraints.</summary>
    private static string Template(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
