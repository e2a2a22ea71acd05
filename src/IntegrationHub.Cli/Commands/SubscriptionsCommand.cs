using System.CommandLine;
using System.Text.Json.Nodes;
using IntegrationHub.Cli.Commands.Subscriptions;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub subscriptions …</c>: subscribers, their scopes, filters and keys, through the hub's /subscriptions API.</summary>
internal static class SubscriptionsCommand
{
    public static Command Create(CommandBinder binder)
    {
        var command = new Command("subscriptions", "Create subscriptions with their scopes, narrow them, and issue or revoke their keys.");
        command.Subcommands.Add(List(binder));
        command.Subcommands.Add(Show(binder));
        command.Subcommands.Add(CreateSubscription(binder));
        command.Subcommands.Add(Filter(binder));
        command.Subcommands.Add(Remove(binder));
        command.Subcommands.Add(Keys(binder));
        command.Subcommands.Add(IssueKey(binder));
        command.Subcommands.Add(RevokeKey(binder));
        return command;
    }

    private static Argument<string> Id() => new("id") { Description = "The subscription's id, e.g. shenzhen-justice." };

    private static Command List(CommandBinder binder)
    {
        var command = new Command("list", "List subscriptions: scope, filter and channels.");
        binder.SetAction(command, async (_, context, ct) =>
        {
            var subscriptions = await context.Api.ListSubscriptionsAsync(ct).ConfigureAwait(false);
            if (context.Json)
                return await WriteJsonAsync(context, subscriptions).ConfigureAwait(false);
            if (subscriptions.Count == 0)
            {
                await context.Out.WriteLineAsync("No subscriptions yet. Create one with: hub subscriptions create <id> --name … --region …").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID", "NAME", "KIND", "SCOPE", "FILTER", "CHANNELS");
            foreach (var s in subscriptions.OfType<JsonObject>())
            {
                table.Add(Text(s, "id"), Text(s, "name"), Text(s, "kind"), ScopeOptions.Describe(s["scope"]),
                    ScopeOptions.Describe(s["filter"]), Channels(s));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommandBinder binder)
    {
        var id = Id();
        var command = new Command("show", "Show one subscription as JSON: scope, filter, effective scope, channels.") { id };
        binder.SetAction(command, async (parseResult, context, ct) =>
            await WriteJsonAsync(context, await context.Api.GetSubscriptionAsync(parseResult.GetValue(id)!, ct).ConfigureAwait(false)).ConfigureAwait(false));
        return command;
    }

    private static Command CreateSubscription(CommandBinder binder)
    {
        var id = Id();
        var name = new Option<string>("--name") { Description = "The subscriber, e.g. 深圳市司法局 执法监督平台.", Required = true };
        var kind = new Option<string>("--kind") { Description = "records (default) or credit-publicity (双公示 records).", DefaultValueFactory = _ => "records" };
        kind.AcceptOnlyFromAmong("records", "credit-publicity");
        var amqp = new Option<bool>("--amqp") { Description = "Keep an AMQP queue for the subscriber." };
        var scope = new ScopeOptions();
        var command = new Command("create", "Create a subscription with the scope it may see (no scope option = everything).") { id, name, kind, amqp };
        scope.AddTo(command);
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var created = await context.Api.CreateSubscriptionAsync(new JsonObject
            {
                ["id"] = parseResult.GetValue(id),
                ["name"] = parseResult.GetValue(name),
                ["kind"] = parseResult.GetValue(kind),
                ["amqp"] = parseResult.GetValue(amqp),
                ["scope"] = scope.Read(parseResult),
            }, ct).ConfigureAwait(false);
            if (context.Json)
                return await WriteJsonAsync(context, created).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Created subscription {Text(created, "id")}: {ScopeOptions.Describe(created["scope"])}. Issue its key with: hub subscriptions issue-key {Text(created, "id")}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Filter(CommandBinder binder)
    {
        var id = Id();
        var scope = new ScopeOptions();
        var command = new Command("filter", "Set the subscription's own filter within its scope (no option = no filter). A value outside the scope is refused.") { id };
        scope.AddTo(command);
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var updated = await context.Api.SetSubscriptionFilterAsync(parseResult.GetValue(id)!, scope.Read(parseResult), ct).ConfigureAwait(false);
            if (context.Json)
                return await WriteJsonAsync(context, updated).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"{Text(updated, "id")} now receives: {ScopeOptions.Describe(updated["effectiveScope"])}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CommandBinder binder)
    {
        var id = Id();
        var command = new Command("remove", "Remove a subscription; all its keys stop working at once.") { id };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            await context.Api.DeleteSubscriptionAsync(parseResult.GetValue(id)!, ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Removed subscription {parseResult.GetValue(id)} and revoked its keys.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Keys(CommandBinder binder)
    {
        var id = Id();
        var command = new Command("keys", "List the subscription's keys: prefix, scopes, expiry, last use, revocation (never the key).") { id };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var keys = await context.Api.ListSubscriptionKeysAsync(parseResult.GetValue(id)!, ct).ConfigureAwait(false);
            if (context.Json)
                return await WriteJsonAsync(context, keys).ConfigureAwait(false);
            var table = new TextTable("KEY ID", "NAME", "PREFIX", "SCOPES", "CREATED", "EXPIRES", "LAST USED", "REVOKED");
            foreach (var k in keys.OfType<JsonObject>())
            {
                table.Add(Text(k, "id"), Text(k, "name"), Text(k, "prefix") + "…", string.Join(" ", k["scopes"]!.AsArray().Select(s => s!.GetValue<string>())),
                    Time(k, "createdAt"), Time(k, "expiresAt"), Time(k, "lastUsedAt"), Time(k, "revokedAt"));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command IssueKey(CommandBinder binder)
    {
        var id = Id();
        var name = new Option<string>("--name") { Description = "Who or what uses the key, e.g. production.", DefaultValueFactory = _ => "key" };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "feed:read, records:read, pii:read or webhooks:manage (repeat; default feed:read and records:read).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        scopes.AcceptOnlyFromAmong("feed:read", "records:read", "pii:read", "webhooks:manage");
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601)." };
        var command = new Command("issue-key", "Issue a key for the subscription. The key is printed once; the hub cannot show it again.") { id, name, scopes, expires };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var request = new JsonObject { ["name"] = parseResult.GetValue(name), ["expiresAt"] = parseResult.GetValue(expires) };
            if (parseResult.GetValue(scopes) is { Length: > 0 } chosen)
                request["scopes"] = new JsonArray([.. chosen.Select(s => (JsonNode)s)]);
            var issued = await context.Api.IssueSubscriptionKeyAsync(parseResult.GetValue(id)!, request, ct).ConfigureAwait(false);
            if (context.Json)
                return await WriteJsonAsync(context, issued).ConfigureAwait(false);
            await context.Out.WriteLineAsync(Text(issued, "key")).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Key {issued["details"]?["id"]} issued; store it now, it is not shown again.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeKey(CommandBinder binder)
    {
        var id = Id();
        var keyId = new Argument<string>("key-id") { Description = "The key's id, as `hub subscriptions keys` lists it." };
        var command = new Command("revoke-key", "Revoke one of the subscription's keys; it stops working at once.") { id, keyId };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            await context.Api.RevokeSubscriptionKeyAsync(parseResult.GetValue(id)!, parseResult.GetValue(keyId)!, ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Revoked key {parseResult.GetValue(keyId)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> WriteJsonAsync(CommandContext context, JsonNode value)
    {
        await context.Out.WriteLineAsync(JsonOutput.Format(value)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static string Time(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var t) ? Format.Time(t) : "";

    private static string Channels(JsonObject s)
    {
        var channels = new List<string> { "feed" };
        if (s["webhook"] is JsonObject webhook)
            channels.Add(webhook["enabled"]?.GetValue<bool>() == false ? "webhook (disabled)" : "webhook");
        if (s["amqp"]?.GetValue<bool>() == true)
            channels.Add("amqp");
        return string.Join(", ", channels);
    }
}
