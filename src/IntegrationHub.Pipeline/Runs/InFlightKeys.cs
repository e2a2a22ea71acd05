namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// The source keys of a run's batches sent but not yet known to be stored. What the store holds for such a key may be
/// about to change, so a later page of the same run normalizes it instead of trusting the stored input.
/// </summary>
internal sealed class InFlightKeys
{
    private readonly Queue<(int Sequence, IReadOnlyList<string> Keys)> _batches = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Sent(int sequence, IReadOnlyList<string> keys)
    {
        _batches.Enqueue((sequence, keys));
        foreach (var key in keys)
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>Forgets the batches stored through <paramref name="sequence"/>.</summary>
    public void StoredThrough(int sequence)
    {
        while (_batches.TryPeek(out var oldest) && oldest.Sequence <= sequence)
        {
            _batches.Dequeue();
            foreach (var key in oldest.Keys)
            {
                if (--_counts[key] == 0)
                    _counts.Remove(key);
            }
        }
    }

    public bool Contains(string key) => _counts.ContainsKey(key);
}
