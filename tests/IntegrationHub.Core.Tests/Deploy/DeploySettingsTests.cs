using System.Text.RegularExpressions;
using k8s.Models;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>
/// Every hub setting the deploy files set is one the hub has (README "Configuration"): the hub ignores a variable it
/// does not know, so a misspelt <c>Hub__Bus__User</c> would silently leave the default in place.
/// </summary>
public sealed partial class DeploySettingsTests
{
    private static IEnumerable<(string Where, string Variable)> DeployVariables()
    {
        foreach (var service in ComposeStack.ServiceNames)
        {
            foreach (var name in ComposeStack.Environment(service).Keys.Where(IsHub))
                yield return ($"compose.yaml {service}", name);
        }

        foreach (var name in DockerfileInstructions.Environment(DockerfileInstructions.Load().Final).Keys.Where(IsHub))
            yield return ("Dockerfile", name);

        var kubernetes = KubernetesManifests.Build("base");
        foreach (var name in kubernetes.ConfigMap("integration-hub").Data.Keys)
            yield return ("ConfigMap integration-hub", name);
        foreach (var deployment in kubernetes.OfType<V1Deployment>())
        {
            foreach (var variable in deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Env).Where(e => IsHub(e.Name)))
                yield return (deployment.Metadata.Name, variable.Name);
        }

        foreach (var file in SystemdUnits.Files())
        {
            foreach (var name in SystemdUnits.Environment(file).Keys.Where(IsHub))
                yield return (Path.GetFileName(file), name);
            foreach (Match option in CommandLineSetting().Matches(SystemdUnits.Value(file, "ExecStart")))
                yield return (Path.GetFileName(file), option.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal));
        }

        foreach (var line in File.ReadLines(RepositoryRoot.Combine("deploy", "systemd", "hub.env.example")).Select(l => l.TrimStart('#')))
        {
            if (IsHub(line) && line.Contains('=', StringComparison.Ordinal))
                yield return ("hub.env.example", line[..line.IndexOf('=', StringComparison.Ordinal)]);
        }
    }

    private static bool IsHub(string name) => name.StartsWith("Hub__", StringComparison.Ordinal);

    [Fact]
    public void EveryHubSettingTheDeployFilesSet_IsADocumentedSetting()
    {
        var variables = DeployVariables().ToList();

        var unknown = variables.Where(v => !DocumentedSettings.All.Contains(DocumentedSettings.SettingOf(v.Variable))).Select(v => $"{v.Where}: {v.Variable}").ToList();

        Assert.True(variables.Count > 40, $"only {variables.Count} settings found");
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("Hub__Bus__Password_FILE", "Hub:Bus:Password")]
    [InlineData("Hub__Alerts__Webhooks__0__Url", "Hub:Alerts:Webhooks")]
    [InlineData("Hub__Roles", "Hub:Roles")]
    public void AVariable_NamesTheSettingItSets(string variable, string setting) =>
        Assert.Equal(setting, DocumentedSettings.SettingOf(variable));

    [Fact]
    public void TheDocumentedSettings_AreTheReadmeTable_WithSiblingNamesExpanded()
    {
        Assert.Contains("Hub:Bus:Username", DocumentedSettings.All);
        Assert.Contains("Hub:Telemetry:PrometheusPort", DocumentedSettings.All);
        Assert.DoesNotContain("Hub:Bus:User", DocumentedSettings.All);
    }

    [GeneratedRegex(@"--(Hub:[A-Za-z:]+)=")]
    private static partial Regex CommandLineSetting();
}
