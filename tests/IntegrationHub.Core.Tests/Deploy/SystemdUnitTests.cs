using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>The systemd units pass <c>systemd-analyze verify</c>, are hardened, and run the role their name says.</summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    // `systemd-analyze security` scores 0 (locked down) to 10 (exposed); the units score 3.0 "OK" today.
    private const double HighestExposure = 3.5;

    private readonly string _folder = SystemdUnits.CopyInstances();

    private static string Analyze => ToolRun.Find("systemd-analyze") ?? throw new InvalidOperationException(
        "systemd-analyze is not on PATH: the systemd unit tests need it (Debian package systemd, part of this machine image).");

    private string Unit(string file) => Path.Combine(_folder, SystemdUnits.InstanceName(file));

    [Fact]
    public void TheApiWorkerAndOneProcessUnits_AreThere()
    {
        Assert.Equal(
            ["integration-hub-api.service", "integration-hub-worker@.service", "integration-hub.service"],
            SystemdUnits.Files().Select(f => Path.GetFileName(f)).ToArray());
    }

    [Fact]
    public void EveryUnit_PassesSystemdAnalyzeVerify_WithoutAWarning()
    {
        var run = ToolRun.Start(Analyze, ["verify", .. SystemdUnits.Files().Select(Unit)], workingDirectory: _folder);

        Assert.True(run.ExitCode == 0 && run.Errors.Length == 0 && run.Output.Length == 0, run.ToString());
    }

    [Fact]
    public void SystemdAnalyzeVerify_ReportsAMisspeltDirective()
    {
        // The check above can fail: an unknown key is only a warning for systemd, which the test treats as a failure.
        var unit = Unit(SystemdUnits.Files()[0]);
        File.AppendAllText(unit, "\n[Service]\nProtectSystm=strict\n");

        var run = ToolRun.Start(Analyze, ["verify", unit], workingDirectory: _folder);

        Assert.Contains("Unknown key", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryUnit_IsHardened_AsSystemdAnalyzeSecurityScoresIt()
    {
        foreach (var file in SystemdUnits.Files())
        {
            var run = ToolRun.Start(Analyze, ["security", "--offline=true", "--no-pager", Unit(file)], workingDirectory: _folder);
            var score = Exposure().Match(run.Output + run.Errors);

            Assert.True(score.Success, run.ToString());
            var exposure = double.Parse(score.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(exposure <= HighestExposure, $"{Path.GetFileName(file)}: exposure {exposure} > {HighestExposure}\n{run.Output}");
        }
    }

    [Fact]
    public void EveryUnit_KeepsNativeAllocationsInTwoMallocArenas()
    {
        foreach (var file in SystemdUnits.Files())
            Assert.Equal("2", SystemdUnits.Environment(file)["MALLOC_ARENA_MAX"]);
    }

    [Fact]
    public void EveryUnit_RunsTheHubAsItsOwnUser_WithSharedSettingsFromTheEnvironmentFile()
    {
        foreach (var file in SystemdUnits.Files())
        {
            Assert.Equal("integration-hub", SystemdUnits.Value(file, "User"));
            Assert.Equal("/etc/integration-hub/hub.env", SystemdUnits.Value(file, "EnvironmentFile"));
            Assert.Equal("integration-hub", SystemdUnits.Value(file, "StateDirectory"));
            Assert.Equal("/var/lib/integration-hub", SystemdUnits.Environment(file)["Hub__DataDirectory"]);
            Assert.Equal("postgres", SystemdUnits.Environment(file)["Hub__Store__Provider"]);
            Assert.Equal("rabbitmq", SystemdUnits.Environment(file)["Hub__Bus__Transport"]);
            Assert.Equal("always", SystemdUnits.Value(file, "Restart"));
        }
    }

    [Fact]
    public void EachUnit_SetsItsRoleOnTheCommandLine_WhereTheEnvironmentFileCannotOverrideIt()
    {
        string ExecStart(string name) => SystemdUnits.Value(RepositoryRoot.Combine("deploy", "systemd", name), "ExecStart");

        Assert.EndsWith("IntegrationHub.Host.dll --Hub:Roles=api", ExecStart("integration-hub-api.service"), StringComparison.Ordinal);
        Assert.EndsWith("IntegrationHub.Host.dll --Hub:Roles=worker --urls=http://127.0.0.1:%i", ExecStart("integration-hub-worker@.service"), StringComparison.Ordinal);
        Assert.EndsWith("IntegrationHub.Host.dll --Hub:Roles=api,worker", ExecStart("integration-hub.service"), StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadLines(RepositoryRoot.Combine("deploy", "systemd", "hub.env.example")), l => l.TrimStart('#').StartsWith("Hub__Roles=", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"Overall exposure level for \S+: ([0-9]+\.[0-9])")]
    private static partial Regex Exposure();
}
