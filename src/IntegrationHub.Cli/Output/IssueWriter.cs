using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Output;

/// <summary>Validation issues for a person: severity, field (and the source field it came from), value, rule, then both messages.</summary>
internal static class IssueWriter
{
    public static async Task WriteAsync(TextWriter writer, IEnumerable<IssueView> issues, string indent)
    {
        foreach (var issue in issues)
        {
            var field = issue.Field ?? issue.SourceField ?? "(record)";
            if (issue.SourceField is { } sourceField && issue.Field is not null && sourceField != issue.Field)
                field += $" ← {sourceField}";
            var value = issue.Value is null ? "" : $" = {DisplayWidth.Truncate(JsonOutput.Inline(issue.Value), 80)}";
            var rule = issue.Rule is null ? "" : $" [{issue.Rule}]";
            var severity = (issue.Severity ?? "error").PadRight(7);
            await writer.WriteLineAsync($"{indent}{severity} {field}{value}{rule}").ConfigureAwait(false);

            var messageIndent = indent + new string(' ', 8);
            if (!string.IsNullOrEmpty(issue.MessageZh))
                await writer.WriteLineAsync(messageIndent + issue.MessageZh).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(issue.MessageEn))
                await writer.WriteLineAsync(messageIndent + issue.MessageEn).ConfigureAwait(false);
        }
    }
}
