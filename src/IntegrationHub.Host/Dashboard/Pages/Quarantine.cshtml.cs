using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>
/// The quarantine browser: filter by connector, rule and status; raw payload and reasons side by side; replay one entry
/// or all filtered ones through the API's own replay.
/// </summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class QuarantineModel(IConnectorRegistry registry, IQuarantineStore store, CallerAccess callers) : DashboardPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Connector { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rule { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "open";

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public IReadOnlyList<string> ConnectorIds => [.. registry.All.Select(c => c.Id).Order(StringComparer.Ordinal)];

    public IReadOnlyList<QuarantineEntry> Entries { get; private set; } = [];

    public long Total { get; private set; }

    public long? Next { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Query();
        Total = await store.CountQuarantineAsync(query, ct).ConfigureAwait(false);
        var entries = await store.ListQuarantineAsync(query with { After = After, Limit = PageSize + 1 }, ct).ConfigureAwait(false);
        // ID numbers masked unless the signed-in key holds pii:read, as the API shows them.
        var view = callers.ViewFor(User);
        Entries = [.. entries.Take(PageSize).Select(e => CallerAccess.Masked(e, view))];
        Next = entries.Count > PageSize ? Entries[^1].Id : null;
    }

    /// <summary>Replays one entry (<paramref name="entry"/>) or, without it, every open entry of the filter.</summary>
    public async Task<IActionResult> OnPostReplayAsync(long? entry, [FromServices] QuarantineReplays replays, CancellationToken ct)
    {
        var connector = string.IsNullOrEmpty(Connector) ? null : Connector;
        var rule = string.IsNullOrEmpty(Rule) ? null : Rule;
        if (entry is { } id)
        {
            connector = (await store.GetQuarantineAsync(id, ct).ConfigureAwait(false))?.ConnectorId ?? connector;
            rule = null;
        }

        var request = new QuarantineReplayRequest(connector, entry is { } one ? [one] : null, rule, null, null);
        var outcome = await replays.ReplayAsync(Caller.Of(HttpContext), request, ct).ConfigureAwait(false);
        Message = outcome switch
        {
            { Problem: { } problem } => Text.Problem + problem.Detail,
            { Value.Replays.Count: > 0 } => Text.ReplayStarted + outcome.Value.Replays.Sum(r => r.Selected).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Text.NothingToReplay,
        };
        return RedirectToPage(new { connector = Connector, rule = Rule, status = Status });
    }

    /// <summary>The raw payload indented, with Chinese shown as such.</summary>
    public static string Pretty(string raw)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(raw)?.ToJsonString(PrettyJson) ?? raw;
        }
        catch (System.Text.Json.JsonException)
        {
            return raw;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions PrettyJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private QuarantineQuery Query() => new()
    {
        ConnectorId = string.IsNullOrEmpty(Connector) ? null : Connector,
        Rule = string.IsNullOrEmpty(Rule) ? null : Rule,
        Status = Status is "open" or "resolved" ? Status : "open",
    };
}
