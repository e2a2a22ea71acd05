namespace IntegrationHub.Host.Audit;

/// <summary>
/// Audits an endpoint by declaration: once its handler answered 2xx, the action is recorded with the acting key, the
/// target (the route's <c>id</c>, or the id the answer's Location names) and the other route values as detail. One
/// mechanism for the subscription, key and webhook endpoints, so no handler can forget it.
/// </summary>
public static class AuditedEndpoints
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context).ConfigureAwait(false);
            // Handlers answer Results<…>: the status is on the result inside.
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            if (answer is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
                return result;

            var http = context.HttpContext;
            var values = http.Request.RouteValues;
            var target = values.TryGetValue("id", out var id) && id is string text ? text : LocationId(answer);
            var detail = string.Join(", ", values.Where(v => v.Key != "id").Select(v => $"{v.Key} {v.Value}"));
            if (http.Request.Query.TryGetValue("since", out var since))
                detail = string.Join(", ", new[] { detail, $"since {since}" }.Where(d => d.Length > 0));
            await http.RequestServices.GetRequiredService<IAuditLog>()
                .RecordAsync(http, action, target, detail.Length == 0 ? null : detail, http.RequestAborted).ConfigureAwait(false);
            return result;
        });
    }

    // A Created answer names the new resource: /api/v1/subscriptions/{id}, /api/v1/keys/{keyId}.
    private static string LocationId(object? result)
    {
        var location = result?.GetType().GetProperty("Location")?.GetValue(result) as string;
        return location is null ? "" : location[(location.LastIndexOf('/') + 1)..];
    }
}
