namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// Every route the hub serves × every kind of caller → the status that caller must get. A route the hub serves without
/// a row here fails <see cref="AuthorizationMatrixTests"/>: whoever adds a route adds its row, deciding who may call it.
/// Columns follow <see cref="Caller"/>:
/// no key | malformed key | revoked key | expired key | subscriber of another scope | department of another department | operator | administrator.
/// Placeholders in paths and bodies (<c>{connector}</c>, <c>{fresh-connector}</c> …) are resources of <see cref="MatrixHub"/>;
/// a <c>fresh-</c> one is made anew for every caller, so a route that removes things removes nothing another row needs.
/// The dashboard's rows are called with each caller's session (signed in with its key) instead of a bearer key.
/// </summary>
public static class AuthorizationMatrix
{
    public static IReadOnlyList<RouteAccess> Routes { get; } =
    [
        //   route                                                                  none malformed revoked expired subscriber department operator admin

        // Connectors: administrators, operators and department keys (these within their own department).
        Row("GET /api/v1/connector-kinds",                                          401, 401, 401, 401, 403, 200, 200, 200),
        Row("GET /api/v1/connectors",                                               401, 401, 401, 401, 403, 200, 200, 200),
        Row("POST /api/v1/connectors",                                              401, 401, 401, 401, 403, 403, 201, 201).Sending("{new-connector-definition}"),
        Row("GET /api/v1/connectors/{id}",                                          401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{connector}"),
        Row("PUT /api/v1/connectors/{id}",                                          401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{fresh-connector}").Sending("{fresh-connector-definition}"),
        Row("DELETE /api/v1/connectors/{id}",                                       401, 401, 401, 401, 403, 403, 204, 204).At("/api/v1/connectors/{fresh-connector}"),
        Row("POST /api/v1/connectors/{id}/enable",                                  401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{switch-connector}/enable"),
        Row("POST /api/v1/connectors/{id}/disable",                                 401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{switch-connector}/disable"),
        Row("POST /api/v1/connectors/{id}/check",                                   401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{connector}/check"),
        Row("POST /api/v1/connectors/{id}/discover",                                401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{connector}/discover?sample=5"),
        Row("POST /api/v1/connectors/{id}/preview",                                 401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{connector}/preview?limit=5"),
        Row("POST /api/v1/connectors/{id}/runs",                                    401, 401, 401, 401, 403, 403, 202, 202).At("/api/v1/connectors/{connector}/runs"),
        Row("GET /api/v1/connectors/{id}/runs",                                     401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/connectors/{connector}/runs"),
        Row("POST /api/v1/connectors/{id}/backfill",                                401, 401, 401, 401, 403, 403, 202, 202).At("/api/v1/connectors/{connector}/backfill"),

        // Operations: administrators and operators.
        Row("GET /api/v1/sync/summary",                                             401, 401, 401, 401, 403, 403, 200, 200),
        Row("GET /api/v1/quarantine",                                               401, 401, 401, 401, 403, 403, 200, 200),
        Row("GET /api/v1/quarantine/{id}",                                          401, 401, 401, 401, 403, 403, 200, 200).At("/api/v1/quarantine/{quarantine}"),
        Row("POST /api/v1/quarantine/replay",                                       401, 401, 401, 401, 403, 403, 202, 202).Sending("""{"connector":"{connector}","ids":[{quarantine}]}"""),
        Row("GET /api/v1/health/connectors",                                        401, 401, 401, 401, 403, 403, 200, 200),
        Row("GET /api/v1/health/subscriptions",                                     401, 401, 401, 401, 403, 403, 200, 200),
        Row("GET /api/v1/alerts",                                                   401, 401, 401, 401, 403, 403, 200, 200),
        Row("GET /api/v1/audit",                                                    401, 401, 401, 401, 403, 403, 200, 200),

        // Records, indicators and the 双公示 export: the scope records:read (the operator's key has none).
        Row("GET /api/v1/records",                                                  401, 401, 401, 401, 403, 403, 403, 200),
        Row("GET /api/v1/records/{id}",                                             401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/records/{record}"),
        Row("GET /api/v1/records/{id}/history",                                     401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/records/{record}/history"),
        Row("GET /api/v1/records/{id}/lineage",                                     401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/records/{record}/lineage"),
        Row("GET /api/v1/records/{id}/conflicts",                                   401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/records/{record}/conflicts"),
        Row("GET /api/v1/indicators",                                               401, 401, 401, 401, 403, 403, 403, 200),
        Row("GET /api/v1/indicators/{code}/cases",                                  401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/indicators/{indicator}/cases"),
        Row("GET /api/v1/indicators/trend",                                         401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/indicators/trend?region=61"),
        Row("GET /api/v1/indicators/ranking",                                       401, 401, 401, 401, 403, 403, 403, 200),
        Row("GET /api/v1/credit-publicity/{kind}",                                  401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/credit-publicity/penalties"),
        Row("GET /api/v1/credit-publicity/{kind}/check",                            401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/credit-publicity/penalties/check"),

        // The feed: the scope feed:read; the subscriber reads its own subscription's scope.
        Row("GET /api/v1/feed",                                                     401, 401, 401, 401, 200, 403, 403, 200).At("/api/v1/feed?limit=5"),
        Row("GET /api/v1/feed/stream",                                              401, 401, 401, 401, 200, 403, 403, 200),

        // Subscriptions: the administrator manages them; a subscriber key only its own (another's is not found).
        Row("POST /api/v1/subscriptions",                                           401, 401, 401, 401, 403, 403, 403, 201).Sending("""{"id":"{new-id}","name":"矩阵","scope":{}}"""),
        Row("GET /api/v1/subscriptions",                                            401, 401, 401, 401, 200, 200, 200, 200),
        Row("GET /api/v1/subscriptions/{id}",                                       401, 401, 401, 401, 404, 404, 200, 200).At("/api/v1/subscriptions/{subscription}"),
        Row("PUT /api/v1/subscriptions/{id}",                                       401, 401, 401, 401, 403, 403, 403, 200).At("/api/v1/subscriptions/{subscription}").Sending("""{"name":"矩阵 A","scope":{}}"""),
        Row("DELETE /api/v1/subscriptions/{id}",                                    401, 401, 401, 401, 403, 403, 403, 204).At("/api/v1/subscriptions/{fresh-subscription}"),
        Row("PUT /api/v1/subscriptions/{id}/filter",                                401, 401, 401, 401, 404, 404, 404, 200).At("/api/v1/subscriptions/{subscription}/filter").Sending("{}"),
        Row("POST /api/v1/subscriptions/{id}/keys",                                 401, 401, 401, 401, 404, 404, 404, 201).At("/api/v1/subscriptions/{subscription}/keys").Sending("""{"name":"矩阵","scopes":["feed:read"]}"""),
        Row("GET /api/v1/subscriptions/{id}/keys",                                  401, 401, 401, 401, 404, 404, 200, 200).At("/api/v1/subscriptions/{subscription}/keys"),
        Row("DELETE /api/v1/subscriptions/{id}/keys/{keyId}",                       401, 401, 401, 401, 404, 404, 404, 204).At("/api/v1/subscriptions/{fresh-subscription-key}"),

        // Webhooks: the administrator and the subscription's own key with webhooks:manage; operators re-enable,
        // redeliver and replay (what a night shift does once a receiver is fixed), but never see URL or secrets.
        Row("PUT /api/v1/subscriptions/{id}/webhook",                               401, 401, 401, 401, 404, 404, 404, 200).At("/api/v1/subscriptions/{subscription}/webhook").Sending("""{"url":"{receiver}"}"""),
        Row("DELETE /api/v1/subscriptions/{id}/webhook",                            401, 401, 401, 401, 404, 404, 404, 204).At("/api/v1/subscriptions/{fresh-webhook-subscription}/webhook"),
        Row("POST /api/v1/subscriptions/{id}/webhook/secrets",                      401, 401, 401, 401, 404, 404, 404, 200).At("/api/v1/subscriptions/{subscription}/webhook/secrets"),
        Row("POST /api/v1/subscriptions/{id}/webhook/enable",                       401, 401, 401, 401, 404, 404, 200, 200).At("/api/v1/subscriptions/{subscription}/webhook/enable"),
        Row("GET /api/v1/subscriptions/{id}/webhook/deliveries",                    401, 401, 401, 401, 404, 404, 200, 200).At("/api/v1/subscriptions/{subscription}/webhook/deliveries"),
        Row("POST /api/v1/subscriptions/{id}/webhook/deliveries/{eventId}/redeliver", 401, 401, 401, 401, 404, 404, 202, 202).At("/api/v1/subscriptions/{subscription}/webhook/deliveries/{event}/redeliver"),
        Row("POST /api/v1/subscriptions/{id}/webhook/replay",                       401, 401, 401, 401, 404, 404, 202, 202).At("/api/v1/subscriptions/{subscription}/webhook/replay?since=2000-01-01"),

        // Keys of administrators, operators and departments: the administrator only.
        Row("POST /api/v1/keys",                                                    401, 401, 401, 401, 403, 403, 403, 201).Sending("""{"name":"矩阵","role":"operator"}"""),
        Row("GET /api/v1/keys",                                                     401, 401, 401, 401, 403, 403, 403, 200),
        Row("DELETE /api/v1/keys/{keyId}",                                          401, 401, 401, 401, 403, 403, 403, 204).At("/api/v1/keys/{fresh-key}"),

        // Outside /api: probes and the OpenAPI document are public; /metrics is public when switched on without
        // Hub:Telemetry:PrometheusPort (the documented way is an internal port).
        Row("GET /health/live",                                                     200, 200, 200, 200, 200, 200, 200, 200),
        Row("GET /health/ready",                                                    200, 200, 200, 200, 200, 200, 200, 200),
        Row("GET /openapi/{documentName}.json",                                     200, 200, 200, 200, 200, 200, 200, 200).At("/openapi/v1.json"),
        Row("GET /metrics",                                                         200, 200, 200, 200, 200, 200, 200, 200),

        // The dashboard, with each caller's session: the API's policies on every page and form.
        Row("GET /",                                                                Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, 200, 200),
        Row("GET /quarantine",                                                      Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, 200, 200),
        Row("POST /quarantine?handler=Replay",                                      Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, Out.Redirect, Out.Redirect).At("/quarantine?handler=Replay&entry={quarantine}"),
        Row("GET /indicators",                                                      Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, Out.Denied, 200),
        Row("GET /indicators?handler=Export",                                       Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, Out.Denied, 200).At("/indicators?handler=Export&format=csv"),
        Row("GET /audit",                                                           Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, 200, 200),
        Row("GET /connectors/{id}",                                                 Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, 200, 200).At("/connectors/{connector}"),
        Row("POST /connectors/{id}?handler=Run",                                    Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, Out.Redirect, Out.Redirect).At("/connectors/{connector}?handler=Run"),
        Row("GET /subscriptions/{id}",                                              Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, 200, 200).At("/subscriptions/{subscription}"),
        Row("POST /subscriptions/{id}?handler=Enable",                              Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, Out.Redirect, Out.Redirect).At("/subscriptions/{subscription}?handler=Enable"),
        Row("POST /subscriptions/{id}?handler=Redeliver",                           Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Denied, Out.Denied, Out.Redirect, Out.Redirect).At("/subscriptions/{subscription}?handler=Redeliver").Sending("eventId={event}"),
        Row("GET /denied",                                                          Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, 403, 403, 403, 403),
        Row("GET /signin",                                                          200, 200, 200, 200, 200, 200, 200, 200),
        // Signing in with the caller's own key: refused with its reason (200, the form again) or a session.
        Row("POST /signin",                                                         200, 200, 200, 200, Out.Redirect, Out.Redirect, Out.Redirect, Out.Redirect).Sending("key={caller-key}"),
        Row("GET /signout",                                                         Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.Redirect, Out.Redirect, Out.Redirect, Out.Redirect),
        // Last: it ends the sessions and sends everyone to the sign-in page.
        Row("POST /signout",                                                        Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn, Out.SignIn),
    ];

    /// <summary>The row of a route, or null.</summary>
    public static RouteAccess? Find(string route) => Routes.FirstOrDefault(r => r.Route == route);

    private static RouteAccess Row(string route, params Outcome[] expected)
    {
        if (expected.Length != Enum.GetValues<Caller>().Length)
            throw new ArgumentException($"{route}: {expected.Length} outcomes, one per caller expected ({string.Join(", ", Enum.GetNames<Caller>())}).", nameof(expected));
        return new RouteAccess(route, expected);
    }

    /// <summary>Short names for the dashboard's redirects, so the rows stay one line each.</summary>
    private static class Out
    {
        public static Outcome SignIn => Outcome.SignIn;
        public static Outcome Denied => Outcome.Denied;
        public static Outcome Redirect => Outcome.Redirect;
    }
}
