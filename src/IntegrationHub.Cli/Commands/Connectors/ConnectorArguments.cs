using System.CommandLine;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class ConnectorArguments
{
    public static Argument<string> Id() => new("id") { Description = "The connector's id, e.g. market-regulation." };

    /// <summary>What becomes of a cdc connector's replication slot on its source.</summary>
    public static Option<string?> ReplicationSlot(string description)
    {
        var option = new Option<string?>("--replication-slot") { Description = description };
        option.AcceptOnlyFromAmong("drop", "keep");
        return option;
    }

    /// <summary>
    /// A positive count: a zero or negative one is a usage error here. The upper limit is the hub's to enforce (it says
    /// which in its problem answer), so the tool does not go stale when the hub changes it.
    /// </summary>
    public static Option<int> Count(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"{description} Default {defaultValue}.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            // A value that is not a number is the parser's to report; reading it here would throw.
            if (result.Tokens is [var token] && !int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out _))
                return;
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError($"{name} must be a positive number; it defaults to {defaultValue}.");
        });
        return option;
    }
}
