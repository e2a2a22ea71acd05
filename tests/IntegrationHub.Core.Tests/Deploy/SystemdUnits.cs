namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>The unit files of deploy/systemd, read as systemd reads them (sections, Key=value, comments).</summary>
internal static class SystemdUnits
{
    /// <summary>The template's instance used where a unit file must be a concrete unit (a worker's health port).</summary>
    public const string WorkerInstance = "5091";

    public static IReadOnlyList<string> Files() =>
        Directory.GetFiles(RepositoryRoot.Combine("deploy", "systemd"), "*.service").Order(StringComparer.Ordinal).ToList();

    /// <summary>The unit's file name as systemd would load it: a template gets an instance.</summary>
    public static string InstanceName(string file) => Path.GetFileName(file).Replace("@.service", $"@{WorkerInstance}.service", StringComparison.Ordinal);

    /// <summary>Every Key=value of the [Service] section, in order (keys repeat: Environment=).</summary>
    public static IReadOnlyList<(string Key, string Value)> Service(string file)
    {
        var section = "";
        var entries = new List<(string, string)>();
        foreach (var line in File.ReadLines(file).Select(l => l.Trim()))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
                section = line;
            else if (section == "[Service]" && line.Length > 0 && !line.StartsWith('#') && line.Contains('=', StringComparison.Ordinal))
                entries.Add((line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        }

        return entries;
    }

    public static string Value(string file, string key) => Service(file).Single(e => e.Key == key).Value;

    /// <summary>The <c>Hub__…</c> variables a unit sets with Environment=.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string file) =>
        Service(file).Where(e => e.Key == "Environment").Select(e => e.Value.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>Copies the units into a fresh folder under their instance names, for systemd-analyze.</summary>
    public static string CopyInstances()
    {
        var folder = Directory.CreateTempSubdirectory("hub-units-").FullName;
        foreach (var file in Files())
            File.Copy(file, Path.Combine(folder, InstanceName(file)));
        return folder;
    }
}
