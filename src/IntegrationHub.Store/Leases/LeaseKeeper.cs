using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Store.Leases;

/// <summary>
/// The leases this process holds: taken when a job is about to run (<see cref="TryHoldAsync"/>), renewed every third of
/// their duration (<see cref="RenewAllAsync"/>, from a hosted service), given up when the job ends or the process stops.
/// A lease that cannot be renewed is dropped at once, so its job stops and the process that takes it over is alone.
/// </summary>
public sealed partial class LeaseKeeper(ILeases leases, ProcessIdentity identity, TimeProvider clock, TimeSpan duration, ILogger<LeaseKeeper> logger)
{
    private readonly ConcurrentDictionary<string, Lease> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refused = new(StringComparer.Ordinal);

    public TimeSpan Duration { get; } = duration;

    public string Holder => identity.Holder;

    /// <summary>Whether this process holds the lease now (and long enough before its expiry to act on it).</summary>
    public bool Holds(string name) => Held(name) is not null;

    /// <summary>The fencing token of a lease this process holds; null when it does not hold it.</summary>
    public long? TokenOf(string name) => Held(name)?.Token;

    // One read of the map: the renewal loop may drop the lease between two.
    private Lease? Held(string name) => _held.TryGetValue(name, out var lease) && lease.ExpiresAt - Duration / 3 > clock.GetUtcNow() ? lease : null;

    /// <summary>
    /// Holds the lease: renews it when held, takes it when free; false when another process has it. A process that was
    /// refused asks the store again only after a third of the lease's duration, so standby workers cost little.
    /// </summary>
    public async Task<bool> TryHoldAsync(string name, CancellationToken ct)
    {
        if (Holds(name))
            return true;
        var now = clock.GetUtcNow();
        if (_refused.TryGetValue(name, out var refused) && now - refused < Duration / 3)
            return false;
        var lease = _held.TryGetValue(name, out var held) ? await leases.RenewAsync(held, Duration, ct).ConfigureAwait(false) : null;
        lease ??= await leases.TryAcquireAsync(name, identity.Holder, Duration, ct).ConfigureAwait(false);
        if (lease is null)
        {
            _held.TryRemove(name, out _);
            _refused[name] = now;
            return false;
        }

        _refused.TryRemove(name, out _);
        if (held is null || held.Token != lease.Token)
            LogAcquired(logger, name, lease.Token);
        _held[name] = lease;
        return true;
    }

    /// <summary>Renews every lease held; a lease that was lost is dropped (and its job sees it at its next check).</summary>
    public async Task RenewAllAsync(CancellationToken ct)
    {
        foreach (var (name, lease) in _held)
        {
            try
            {
                if (await leases.RenewAsync(lease, Duration, ct).ConfigureAwait(false) is { } renewed)
                {
                    _held[name] = renewed;
                    continue;
                }

                LogLost(logger, name, lease.Token);
                _held.TryRemove(name, out _);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unreachable: keep the lease until it would expire; after that Holds() is false anyway.
                LogRenewalFailed(logger, ex, name);
            }
        }
    }

    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        _refused.TryRemove(name, out _);
        if (_held.TryRemove(name, out var lease))
            await leases.ReleaseAsync(lease, ct).ConfigureAwait(false);
    }

    public async Task ReleaseAllAsync(CancellationToken ct)
    {
        foreach (var name in _held.Keys.ToList())
        {
            try
            {
                await ReleaseAsync(name, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRenewalFailed(logger, ex, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This process took the lease {Lease} (token {Token})")]
    private static partial void LogAcquired(ILogger logger, string lease, long token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This process lost the lease {Lease} (token {Token}); its job stops here")]
    private static partial void LogLost(ILogger logger, string lease, long token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease {Lease} could not be renewed; trying again")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string lease);
}
