namespace IntegrationHub.Connectors.Rest;

/// <summary>Sets and removes query parameters of an address, leaving the other parameters as the source wrote them.</summary>
public static class QueryString
{
    /// <summary>The address with each parameter set (replaced when present, appended otherwise), in order.</summary>
    public static Uri With(Uri address, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(parameters);
        var pairs = Split(address);
        foreach (var (name, value) in parameters)
        {
            var encoded = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
            var index = pairs.FindIndex(p => NameOf(p) == name);
            if (index < 0)
            {
                pairs.Add(encoded);
                continue;
            }

            pairs[index] = encoded;
            pairs.RemoveAll(p => NameOf(p) == name && !ReferenceEquals(p, encoded));
        }

        return Join(address, pairs);
    }

    /// <summary>The address without the parameter (an API key a next link repeats, before it is stored).</summary>
    public static Uri Without(Uri address, string name)
    {
        ArgumentNullException.ThrowIfNull(address);
        var pairs = Split(address);
        pairs.RemoveAll(p => NameOf(p) == name);
        return Join(address, pairs);
    }

    /// <summary>The address with the value of the parameter replaced by <c>***</c>, for messages and logs.</summary>
    public static string Masked(Uri address, string? name)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (name is null)
            return address.AbsoluteUri;
        var pairs = Split(address).Select(p => NameOf(p) == name ? $"{Uri.EscapeDataString(name)}=***" : p).ToList();
        return Join(address, pairs).AbsoluteUri;
    }

    private static List<string> Split(Uri address) =>
        [.. address.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)];

    private static string NameOf(string pair)
    {
        var name = pair.Split('=', 2)[0];
        return Uri.UnescapeDataString(name.Replace('+', ' '));
    }

    private static Uri Join(Uri address, List<string> pairs) =>
        new UriBuilder(address) { Query = string.Join('&', pairs) }.Uri;
}
