using System.Collections;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;

namespace IntegrationHub.Core.Tests.Schema;

public sealed class SerializedModelTests
{
    private static readonly int[] Seeds = [20240318, 7, 1171];
    private const int RecordsPerSeed = 100;

    [Fact]
    public void SerializedModels_AlwaysValidate()
    {
        var actions = Seeds.SelectMany(seed =>
        {
            var generator = new EnforcementActionGenerator(seed);
            return Enumerable.Range(0, RecordsPerSeed).Select(_ => generator.Next());
        }).ToList();

        var failures = actions
            .Select(action => CanonicalJson.Serialize(action))
            .Select(json => (json, errors: EnforcementActionSchema.Errors(EnforcementActionSchema.Evaluate(JsonNode.Parse(json)))))
            .Where(result => result.errors.Count > 0)
            .Select(result => $"{result.json}{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", result.errors)}")
            .ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} of {actions.Count} serialized records fail the schema:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
        AssertCoverage(actions);
    }

    /// <summary>The generated records are only proof if they use every code and leave every optional part out and in.</summary>
    private static void AssertCoverage(IEnumerable<EnforcementAction> actions)
    {
        var seen = new HashSet<object>();
        var shapes = new HashSet<string>();
        foreach (var action in actions)
        {
            Walk(action, seen, shapes);
        }

        var missingMembers = CanonicalModelTypes.Enums
            .SelectMany(type => Enum.GetValues(type).Cast<object>())
            .Where(member => !seen.Contains(member))
            .Select(member => $"{member.GetType().Name}.{member}");
        Assert.Empty(missingMembers);

        var optional = CanonicalModelTypes.Records
            .SelectMany(record => CanonicalModelTypes.Properties(record).Select(property => (record, property)))
            .Where(pair => !CanonicalModelTypes.IsRequired(pair.property) && pair.property.Name != nameof(EnforcementAction.Schema))
            .Where(pair => !pair.property.PropertyType.IsValueType || Nullable.GetUnderlyingType(pair.property.PropertyType) is not null);
        var neverBoth = optional
            .Select(pair => $"{pair.record.Name}.{pair.property.Name}")
            .Where(name => !shapes.Contains($"{name}:present") || !shapes.Contains($"{name}:absent"));
        Assert.Empty(neverBoth);
    }

    private static void Walk(object record, HashSet<object> seen, HashSet<string> shapes)
    {
        foreach (var property in CanonicalModelTypes.Properties(record.GetType()))
        {
            var value = property.GetValue(record);
            var empty = value is null || value is ICollection { Count: 0 } || (value is ActionDates dates && dates == new ActionDates());
            shapes.Add($"{record.GetType().Name}.{property.Name}:{(empty ? "absent" : "present")}");
            foreach (var item in value is IEnumerable and not string ? ((IEnumerable)value).Cast<object>() : value is null ? [] : [value])
            {
                if (item.GetType().IsEnum)
                {
                    seen.Add(item);
                }
                else if (item.GetType().Namespace == typeof(EnforcementAction).Namespace)
                {
                    Walk(item, seen, shapes);
                }
            }
        }
    }
}
