using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Host.Configuration;

/// <summary>Leases of the cluster: one runner per connector and one instance of each background job across workers.</summary>
public sealed class LeaseOptions
{
    /// <summary>
    /// How long a lease lasts without renewal (renewed every third of it): a worker that dies gives its connectors and
    /// jobs up after this long. Shorter takes over sooner and costs more store writes. Default 15 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(15);
}
