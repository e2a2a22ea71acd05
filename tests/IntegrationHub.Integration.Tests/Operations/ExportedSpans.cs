using System.Collections;
using System.Diagnostics;

namespace IntegrationHub.Integration.Tests.Operations;

/// <summary>The spans an in-memory exporter hands over, safe to read while the hub's consumers still export.</summary>
public sealed class ExportedSpans : ICollection<Activity>
{
    private readonly Lock _gate = new();
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_gate)
                return _spans.Count;
        }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_gate)
            _spans.Add(item);
    }

    public void Clear()
    {
        lock (_gate)
            _spans.Clear();
    }

    public bool Contains(Activity item)
    {
        lock (_gate)
            return _spans.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_gate)
            _spans.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (_gate)
            return _spans.Remove(item);
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_gate)
            return _spans.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
