using k8s.Models;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>deploy/kubernetes/base builds with kustomize into valid Kubernetes objects that run the hub safely.</summary>
public sealed class KubernetesManifestTests
{
    private const string Api = "integration-hub-api";
    private const string Worker = "integration-hub-worker";

    private static readonly Lazy<KubernetesManifests> Base = new(() => KubernetesManifests.Build("base"));

    private static IEnumerable<V1Deployment> Deployments => Base.Value.OfType<V1Deployment>();

    private static V1Container Hub(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers.Single();

    private static IDictionary<string, string> Settings => Base.Value.ConfigMap("integration-hub").Data;

    [Fact]
    public void TheBase_BuildsIntoTheApiAndWorkerDeployments_TheirSettingsVolumeServiceAndBudgets()
    {
        var kinds = Base.Value.Resources.Select(r => $"{r.Kind}/{((IMetadata<V1ObjectMeta>)r).Metadata.Name}").Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "ConfigMap/integration-hub", $"Deployment/{Api}", $"Deployment/{Worker}", "PersistentVolumeClaim/integration-hub-data",
                $"PodDisruptionBudget/{Api}", $"PodDisruptionBudget/{Worker}", $"Service/{Api}",
            ],
            kinds);
        Assert.All(Base.Value.Resources, r => Assert.Equal("integration-hub", ((IMetadata<V1ObjectMeta>)r).Metadata.Labels["app.kubernetes.io/part-of"]));
    }

    [Fact]
    public void AStrictLoad_RejectsAFieldKubernetesDoesNotKnow()
    {
        var yaml = KubernetesManifests.Kustomize("base").Replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => KubernetesManifests.Load(yaml));
    }

    [Fact]
    public void EachDeployment_RunsItsRole()
    {
        Assert.Equal("api", Hub(Base.Value.Deployment(Api)).Env.Single(e => e.Name == "Hub__Roles").Value);
        Assert.Equal("worker", Hub(Base.Value.Deployment(Worker)).Env.Single(e => e.Name == "Hub__Roles").Value);
        Assert.True(Base.Value.Deployment(Worker).Spec.Replicas >= 2);
    }

    [Fact]
    public void EveryHubContainer_IsProbedOnLiveAndReady_OnItsHttpPort()
    {
        foreach (var deployment in Deployments)
        {
            var hub = Hub(deployment);
            Assert.Contains(hub.Ports, p => p.Name == "http" && p.ContainerPort == 8080);
            Assert.Equal("/health/live", hub.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health/ready", hub.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/health/live", hub.StartupProbe.HttpGet.Path);
            Assert.All(new[] { hub.LivenessProbe, hub.ReadinessProbe, hub.StartupProbe }, p => Assert.Equal("http", p.HttpGet.Port.Value));
        }
    }

    [Fact]
    public void EveryHubContainer_HasResourceRequestsAndLimits()
    {
        foreach (var deployment in Deployments)
        {
            var resources = Hub(deployment).Resources;
            Assert.True(resources.Requests.ContainsKey("cpu") && resources.Requests.ContainsKey("memory"), deployment.Metadata.Name);
            Assert.True(resources.Limits.ContainsKey("memory"), deployment.Metadata.Name);
            Assert.True(resources.Limits["memory"].ToDecimal() >= resources.Requests["memory"].ToDecimal());
        }
    }

    [Fact]
    public void EveryPod_RunsAsTheImagesNonRootUser_OnAReadOnlyRoot_WithoutPrivileges_AndAWritableTmp()
    {
        foreach (var deployment in Deployments)
        {
            var pod = deployment.Spec.Template.Spec;
            var container = Hub(deployment).SecurityContext;
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.Equal(DockerfileInstructions.Load().RuntimeUser(), pod.SecurityContext.RunAsUser);
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.False(pod.AutomountServiceAccountToken);
            Assert.False(container.AllowPrivilegeEscalation);
            Assert.True(container.ReadOnlyRootFilesystem);
            Assert.Equal(["ALL"], container.Capabilities.Drop);
            var tmp = Hub(deployment).VolumeMounts.Single(m => m.MountPath == "/tmp");
            Assert.NotNull(pod.Volumes.Single(v => v.Name == tmp.Name).EmptyDir);
        }
    }

    [Fact]
    public void SecretsAreReferenced_NeverIncluded_AndNoSecretSettingHasAValueInTheManifests()
    {
        Assert.Empty(Base.Value.OfType<V1Secret>());
        foreach (var deployment in Deployments)
        {
            var env = Hub(deployment).Env;
            foreach (var name in new[] { "Hub__Store__ConnectionString", "Hub__Bus__Username", "Hub__Bus__Password" })
            {
                var variable = env.Single(e => e.Name == name);
                Assert.Null(variable.Value);
                Assert.Equal("integration-hub", variable.ValueFrom.SecretKeyRef.Name);
            }

            Assert.Equal("integration-hub", Hub(deployment).EnvFrom.Single().ConfigMapRef.Name);
        }

        Assert.DoesNotContain(Settings.Keys, key => key.Contains("Password", StringComparison.Ordinal) || key.Contains("ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryPod_MountsTheSharedReadWriteManyVolume_AtTheDataDirectory_WhichHoldsTheKeyRing()
    {
        var claim = Base.Value.OfType<V1PersistentVolumeClaim>().Single();
        var data = Settings["Hub__DataDirectory"];

        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
        Assert.StartsWith(data + "/", Settings["Hub__KeysDirectory"], StringComparison.Ordinal);
        foreach (var deployment in Deployments)
        {
            var mount = Hub(deployment).VolumeMounts.Single(m => m.MountPath == data);
            Assert.Equal(claim.Metadata.Name, deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == mount.Name).PersistentVolumeClaim.ClaimName);
            Assert.NotEqual(true, mount.ReadOnlyProperty);
        }
    }

    [Fact]
    public void TheServiceSelectsTheApiPodsOnly_AndEachBudgetItsOwnDeployment()
    {
        var service = Base.Value.OfType<V1Service>().Single();
        Assert.True(KubernetesManifests.Selects(service.Spec.Selector, Base.Value.Deployment(Api)));
        Assert.False(KubernetesManifests.Selects(service.Spec.Selector, Base.Value.Deployment(Worker)));
        Assert.Equal("http", service.Spec.Ports.Single().TargetPort.Value);

        foreach (var budget in Base.Value.OfType<V1PodDisruptionBudget>())
        {
            var selected = Deployments.Where(d => KubernetesManifests.Selects(budget.Spec.Selector.MatchLabels, d)).Select(d => d.Metadata.Name);
            Assert.Equal([budget.Metadata.Name], selected);
        }
    }

    [Fact]
    public void PrometheusScrapesTheMetricsPort_WhichTheHubServesMetricsOn()
    {
        var port = Settings["Hub__Telemetry__PrometheusPort"];

        Assert.Equal("true", Settings["Hub__Telemetry__Prometheus"]);
        Assert.Contains($"http://+:{port}", Settings["Hub__Urls"].Split(';'));
        foreach (var deployment in Deployments)
        {
            Assert.Equal(port, deployment.Spec.Template.Metadata.Annotations["prometheus.io/port"]);
            Assert.Contains(Hub(deployment).Ports, p => p.Name == "metrics" && p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port);
        }
    }

    [Fact]
    public void TheExampleOverlay_PinsTheImage_SetsTheNamespace_AndScalesTheWorkers()
    {
        var overlay = KubernetesManifests.Build("overlays", "example");

        var deployments = overlay.OfType<V1Deployment>().ToList();
        Assert.All(deployments, d => Assert.Equal("integration-hub", d.Metadata.NamespaceProperty));
        Assert.All(deployments, d => Assert.Matches(@"^[a-z0-9.\-/]+:[0-9][0-9A-Za-z.\-]*$", Hub(d).Image));
        Assert.Equal(3, overlay.Deployment(Worker).Spec.Replicas);
        var connectors = overlay.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("integration-hub-connectors-", StringComparison.Ordinal));
        Assert.All(deployments, d => Assert.Contains(d.Spec.Template.Spec.Volumes, v => v.ConfigMap?.Name == connectors.Metadata.Name));
    }
}
