using System.Globalization;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>
/// The repository's Dockerfile as instructions (continuation lines joined, comments and parser directives left out),
/// grouped by build stage. Enough to check what a linter would, without a Docker engine.
/// </summary>
internal sealed record DockerfileInstructions(IReadOnlyList<DockerfileInstructions.Stage> Stages)
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string From, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
    }

    public Stage Final => Stages[^1];

    public static DockerfileInstructions Load() => Parse(File.ReadAllText(RepositoryRoot.Combine("Dockerfile")));

    public static DockerfileInstructions Parse(string text)
    {
        var stages = new List<Stage>();
        var current = new List<Instruction>();
        string? from = null;
        string? name = null;
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
                continue;
            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            var keyword = whole[..space].ToUpperInvariant();
            var arguments = whole[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                if (from is not null)
                    stages.Add(new Stage(from, name, current));
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                (from, name, current) = (words[0], words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null, []);
            }
            else if (from is not null)
            {
                current.Add(new Instruction(keyword, arguments));
            }
        }

        if (from is not null)
            stages.Add(new Stage(from, name, current));
        return new DockerfileInstructions(stages);
    }

    /// <summary>The numeric user of the final stage's last USER instruction (the user the hub runs as).</summary>
    public long RuntimeUser() => long.Parse(Final.All("USER").Last().Split(':')[0], CultureInfo.InvariantCulture);

    /// <summary>The ENV settings of a stage, as name → value (the <c>ENV a=b c=d</c> form).</summary>
    public static IReadOnlyDictionary<string, string> Environment(Stage stage) =>
        stage.All("ENV")
            .SelectMany(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
}
