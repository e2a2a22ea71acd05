using k8s;
using k8s.Models;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>
/// A kustomization under deploy/kubernetes built with <c>kubectl kustomize</c> (kustomize inside kubectl, which is
/// part of this machine image), each resource loaded strictly into the Kubernetes client's model of its kind: the
/// models are generated from Kubernetes' OpenAPI document, so an unknown field or a wrong type fails the load.
/// </summary>
internal sealed class KubernetesManifests
{
    private KubernetesManifests(IReadOnlyList<IKubernetesObject> resources) => Resources = resources;

    public IReadOnlyList<IKubernetesObject> Resources { get; }

    public static KubernetesManifests Build(params string[] kustomization) => Load(Kustomize(kustomization));

    /// <summary>The output of <c>kubectl kustomize</c> for a folder under deploy/kubernetes.</summary>
    public static string Kustomize(params string[] kustomization)
    {
        var kubectl = ToolRun.Find("kubectl") ?? throw new InvalidOperationException(
            "kubectl is not on PATH: the Kubernetes manifest tests build the kustomizations with `kubectl kustomize` " +
            "(kubectl ships with this machine image; elsewhere install kubectl 1.27 or newer).");
        var run = ToolRun.Start(kubectl, ["kustomize", RepositoryRoot.Combine(["deploy", "kubernetes", .. kustomization])]);
        return run.ExitCode == 0 ? run.Output : throw new InvalidOperationException("kubectl kustomize failed: " + run);
    }

    /// <summary>Every document of <paramref name="yaml"/>, strictly loaded into its model.</summary>
    public static KubernetesManifests Load(string yaml) =>
        new(KubernetesYaml.LoadAllFromString(yaml, strict: true).Cast<IKubernetesObject>().ToList());

    public IEnumerable<T> OfType<T>() => Resources.OfType<T>();

    public V1Deployment Deployment(string name) => OfType<V1Deployment>().Single(d => d.Metadata.Name == name);

    public V1ConfigMap ConfigMap(string name) => OfType<V1ConfigMap>().Single(c => c.Metadata.Name == name);

    /// <summary>Whether <paramref name="selector"/> (matchLabels) selects the pods of <paramref name="deployment"/>.</summary>
    public static bool Selects(IDictionary<string, string> selector, V1Deployment deployment) =>
        selector.All(label => deployment.Spec.Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
