using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Core.Tests.Schema;

/// <summary>
/// The C# types reachable from <see cref="EnforcementAction"/> through its properties, found by reflection so that a
/// type or enum added to the model is checked against the schema without anyone listing it here.
/// </summary>
internal static class CanonicalModelTypes
{
    private static readonly Lazy<IReadOnlyList<Type>> All = new(Collect);

    /// <summary>The record types, <see cref="EnforcementAction"/> first.</summary>
    public static IReadOnlyList<Type> Records => All.Value.Where(type => !type.IsEnum).ToList();

    public static IReadOnlyList<Type> Enums => All.Value.Where(type => type.IsEnum).ToList();

    public static Type ByName(string name) => All.Value.Single(type => type.Name == name);

    /// <summary>The serialized properties of a record type, in declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> Properties(Type record) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetMethod is not null && property.Name != "EqualityContract")
            .OrderBy(property => property.MetadataToken)
            .ToList();

    public static bool IsRequired(PropertyInfo property) => property.IsDefined(typeof(RequiredMemberAttribute), inherit: false);

    public static string JsonName(string clrName) => JsonNamingPolicy.CamelCase.ConvertName(clrName);

    /// <summary>The type a property holds once <c>Nullable&lt;T&gt;</c> and <c>IReadOnlyList&lt;T&gt;</c> are unwrapped.</summary>
    public static Type ElementType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return IsList(underlying) ? underlying.GetGenericArguments()[0] : underlying;
    }

    public static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);

    private static List<Type> Collect()
    {
        var found = new List<Type>();
        Visit(typeof(EnforcementAction), found);
        return found;
    }

    private static void Visit(Type type, List<Type> found)
    {
        if (found.Contains(type) || type.Namespace != typeof(EnforcementAction).Namespace)
        {
            return;
        }

        found.Add(type);
        if (type.IsEnum)
        {
            return;
        }

        foreach (var property in Properties(type))
        {
            Visit(ElementType(property.PropertyType), found);
        }
    }
}
