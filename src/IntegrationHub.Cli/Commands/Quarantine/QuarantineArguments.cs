using System.CommandLine;
using System.CommandLine.Parsing;
using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Commands.Quarantine;

internal static class QuarantineArguments
{
    public static Option<string?> Connector(string description) => new("--connector") { Description = description };

    public static Option<string?> Rule(string description) => new("--rule") { Description = $"{description} A rule such as uscc.checksum or mapping.code-unknown." };

    /// <summary>A time as the hub reads it (<see cref="ApiTimestamp"/>); a value it would refuse is a usage error here.</summary>
    public static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = $"{description} An ISO 8601 timestamp with an offset, or a date (yyyy-MM-dd, midnight China time).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (ApiTimestamp.TryParse(text, out var value))
                return value;
            result.AddError($"{name} \"{text}\" {ApiTimestamp.Rule}");
            return null;
        },
    };

    /// <summary>The option's time, or null when it is absent or not a time (its own error already says so).</summary>
    public static DateTimeOffset? ValidTime(CommandResult result, Option<DateTimeOffset?> option) =>
        result.GetResult(option) is { Tokens: [{ } token, ..] } && ApiTimestamp.TryParse(token.Value, out var time) ? time : null;
}
