using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Core.Tests.Schema;

/// <summary>The schema and the C# model describe the same shape: same objects, properties, required members and code lists.</summary>
public sealed partial class SchemaModelAgreementTests
{
    // Shared string shapes that are not C# types of their own.
    private static readonly string[] SharedStringDefinitions = ["uscc", "regionCode"];

    public static TheoryData<string> ModelEnums => new(CanonicalModelTypes.Enums.Select(type => type.Name));

    public static TheoryData<string> ModelRecords => new(CanonicalModelTypes.Records.Select(type => type.Name));

    [Theory]
    [MemberData(nameof(ModelEnums))]
    public void Schema_ListsEveryEnumMember_OfTheModel(string enumName)
    {
        var type = CanonicalModelTypes.ByName(enumName);
        var definition = Definition(type);

        var expected = Enum.GetNames(type).Select(CanonicalModelTypes.JsonName).ToList();
        var listed = definition["enum"]!.AsArray().Select(value => value!.GetValue<string>()).ToList();

        Assert.Equal("string", definition["type"]?.GetValue<string>());
        Assert.Equal(expected, listed);
    }

    [Theory]
    [MemberData(nameof(ModelRecords))]
    public void Schema_DescribesEveryPropertyOfTheModel(string recordName)
    {
        var type = CanonicalModelTypes.ByName(recordName);
        var definition = Definition(type);
        var properties = definition["properties"]!.AsObject();
        var modelProperties = CanonicalModelTypes.Properties(type);

        Assert.Equal("object", definition["type"]?.GetValue<string>());
        Assert.False(definition["additionalProperties"]?.GetValue<bool>() ?? true, $"{recordName} must forbid unknown properties.");
        Assert.Equal(
            modelProperties.Select(property => CanonicalModelTypes.JsonName(property.Name)).Order(StringComparer.Ordinal),
            properties.Select(property => property.Key).Order(StringComparer.Ordinal));

        var required = modelProperties.Where(CanonicalModelTypes.IsRequired).Select(property => CanonicalModelTypes.JsonName(property.Name));
        if (type == typeof(EnforcementAction))
        {
            required = required.Append("schema");
        }

        Assert.Equal(
            required.Order(StringComparer.Ordinal),
            (definition["required"]?.AsArray().Select(name => name!.GetValue<string>()) ?? []).Order(StringComparer.Ordinal));

        foreach (var property in modelProperties)
        {
            var name = CanonicalModelTypes.JsonName(property.Name);
            var schemaProperty = properties[name]!.AsObject();
            AssertDocumented(schemaProperty, $"{recordName}.{name}");
            AssertSameType(property.PropertyType, schemaProperty, $"{recordName}.{name}");
        }
    }

    [Fact]
    public void Schema_DefinesOnlyTypesOfTheModel()
    {
        var modelNames = CanonicalModelTypes.Records.Skip(1).Concat(CanonicalModelTypes.Enums)
            .Select(type => CanonicalModelTypes.JsonName(type.Name))
            .Concat(SharedStringDefinitions);

        Assert.Equal(
            modelNames.Order(StringComparer.Ordinal),
            Definitions().Select(definition => definition.Key).Order(StringComparer.Ordinal));
    }

    private static JsonObject Definition(Type type) =>
        type == typeof(EnforcementAction)
            ? EnforcementActionSchema.Document
            : Definitions()[CanonicalModelTypes.JsonName(type.Name)]?.AsObject()
              ?? throw new Xunit.Sdk.XunitException($"The schema has no $defs/{CanonicalModelTypes.JsonName(type.Name)} for {type.Name}.");

    private static JsonObject Definitions() => EnforcementActionSchema.Document["$defs"]!.AsObject();

    private static void AssertDocumented(JsonObject schemaProperty, string where)
    {
        foreach (var keyword in new[] { "title", "description" })
        {
            var text = schemaProperty[keyword]?.GetValue<string>() ?? "";
            Assert.True(HasLatinWord().IsMatch(text) && HasChinese().IsMatch(text), $"{where} needs a {keyword} in English with the Chinese term, got \"{text}\".");
        }
    }

    private static void AssertSameType(Type clrType, JsonObject schemaProperty, string where)
    {
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (CanonicalModelTypes.IsList(type))
        {
            Assert.Equal("array", schemaProperty["type"]?.GetValue<string>());
            AssertSameType(CanonicalModelTypes.ElementType(type), schemaProperty["items"]!.AsObject(), $"{where}[]");
            return;
        }

        if (type.Namespace == typeof(EnforcementAction).Namespace)
        {
            Assert.Equal($"#/$defs/{CanonicalModelTypes.JsonName(type.Name)}", schemaProperty["$ref"]?.GetValue<string>());
            return;
        }

        var (jsonType, format) = type switch
        {
            _ when type == typeof(string) => ("string", null),
            _ when type == typeof(DateOnly) => ("string", "date"),
            _ when type == typeof(DateTimeOffset) => ("string", "date-time"),
            _ when type == typeof(decimal) || type == typeof(double) => ("number", null),
            _ when type == typeof(int) || type == typeof(long) => ("integer", null),
            _ when type == typeof(bool) => ("boolean", (string?)null),
            _ => throw new Xunit.Sdk.XunitException($"{where}: no JSON shape is known for {type.Name}; extend this test with the model."),
        };

        var resolved = schemaProperty["$ref"]?.GetValue<string>() is { } reference
            ? Definitions()[reference.Replace("#/$defs/", "", StringComparison.Ordinal)]!.AsObject()
            : schemaProperty;
        Assert.True(jsonType == resolved["type"]?.GetValue<string>(), $"{where} should be of JSON type {jsonType}.");
        Assert.True(format == resolved["format"]?.GetValue<string>(), $"{where} should have format {format ?? "(none)"}.");
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex HasLatinWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HasChinese();
}
