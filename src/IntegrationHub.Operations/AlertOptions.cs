using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Operations;

/// <summary>The <c>Hub:Alerts</c> section: the operators' webhooks that receive health alerts.</summary>
public sealed class AlertOptions
{
    public List<OperatorWebhook> Webhooks { get; set; } = [];

    /// <summary>Refuse plain http for operator webhooks. Default true; turn off only on a closed network or in tests.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Blocked address ranges (CIDR) the operator webhooks may reach anyway, e.g. <c>10.20.0.0/16</c> or <c>127.0.0.0/8</c>.</summary>
    public List<string> AllowedRanges { get; set; } = [];

    /// <summary>Delivery attempts per alert and webhook. Default 3.</summary>
    [Range(1, 20)]
    public int Attempts { get; set; } = 3;
}
