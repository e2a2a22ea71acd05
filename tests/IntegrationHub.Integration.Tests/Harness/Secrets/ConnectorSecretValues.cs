using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Harness.Secrets;

/// <summary>Registers the secret settings of connector definitions (as written, and with <c>${ENV}</c> expanded).</summary>
public static class ConnectorSecretValues
{
    /// <summary>Every connector a started hub knows (those of its connectors folder, those registered before).</summary>
    public static void RegisterAll(SecretTranscript transcript, IServiceProvider hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        foreach (var connector in hub.GetRequiredService<IConnectorRegistry>().All)
            Register(transcript, connector.Kind, connector.Source, hub, $"connector {connector.Id} ({connector.Origin})");
    }

    /// <summary>The secrets of one connector's source section, through its kind's spec.</summary>
    public static void Register(SecretTranscript transcript, string? kind, JsonObject? source, IServiceProvider hub, string origin)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(hub);
        if (source is null || hub.GetServices<ISourceConnector>().FirstOrDefault(k => k.Kind == kind) is not { } known)
            return;
        var context = hub.GetRequiredService<ConnectorContext>();
        known.Spec.MapSecrets(source, value =>
        {
            // The mask sent back on an update is not a secret, nor is an ${ENV} reference as written: what it expands to is.
            if (value == ConnectorSpec.Mask)
                return value;
            if (!ConnectorSpec.IsEnvironmentReference(value))
                transcript.RegisterConnectionString(value, origin);
            try
            {
                if (context.Expand(value) is var expanded && expanded != value)
                    transcript.RegisterConnectionString(expanded, origin + " (expanded)");
            }
            catch (InvalidOperationException)
            {
                // An unset ${ENV}: nothing to leak.
            }

            return value;
        });
    }
}
