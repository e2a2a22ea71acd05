using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Serialization;

namespace IntegrationHub.Core.Tests.Schema;

public sealed class SchemaExampleTests
{
    public static TheoryData<string> ValidExamples => SchemaExamples.Names(SchemaExamples.Valid);

    public static TheoryData<string> InvalidExamples => SchemaExamples.Names(SchemaExamples.Invalid);

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void EveryValidExample_ValidatesAgainstTheSchema(string file)
    {
        var results = EnforcementActionSchema.Evaluate(SchemaExamples.Parse(SchemaExamples.Valid, file));

        Assert.True(results.IsValid, $"{file} should be valid:{Environment.NewLine}{string.Join(Environment.NewLine, EnforcementActionSchema.Errors(results))}");
    }

    /// <summary>Each invalid example breaks exactly one rule, so it fails with exactly one error.</summary>
    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void EveryInvalidExample_FailsTheSchema(string file)
    {
        var results = EnforcementActionSchema.Evaluate(SchemaExamples.Parse(SchemaExamples.Invalid, file));

        Assert.False(results.IsValid, $"{file} should fail the schema but passed.");
        var errors = EnforcementActionSchema.Errors(results);
        Assert.True(errors.Count == 1, $"{file} should break exactly one rule but broke {errors.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void EveryValidExample_RoundTripsThroughTheModel_Unchanged(string file)
    {
        var original = SchemaExamples.Parse(SchemaExamples.Valid, file);

        var action = CanonicalJson.Deserialize(SchemaExamples.Read(SchemaExamples.Valid, file));
        var written = JsonNode.Parse(CanonicalJson.Serialize(action));

        AssertSameRecord(original, written, "");
    }

    /// <summary>
    /// Every value of the example comes back unchanged. The model may add only the values it always writes (empty
    /// lists, empty dates, mapping version 0); a property it drops (because it does not know it) or changes fails.
    /// </summary>
    private static void AssertSameRecord(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject expectedObject && actual is JsonObject actualObject)
        {
            foreach (var (name, value) in expectedObject)
            {
                Assert.True(actualObject.ContainsKey(name), $"The model dropped {path}/{name}: it has no property of that name.");
                AssertSameRecord(value, actualObject[name], $"{path}/{name}");
            }

            foreach (var (name, value) in actualObject)
            {
                Assert.True(
                    expectedObject.ContainsKey(name) || IsDefaultTheModelAlwaysWrites(value),
                    $"The model added {path}/{name} = {value?.ToJsonString()}, which the example does not have.");
            }

            return;
        }

        if (expected is JsonArray expectedArray && actual is JsonArray actualArray)
        {
            Assert.True(expectedArray.Count == actualArray.Count, $"{path} has {expectedArray.Count} items in the example but {actualArray.Count} after the model.");
            for (var i = 0; i < expectedArray.Count; i++)
            {
                AssertSameRecord(expectedArray[i], actualArray[i], $"{path}/{i}");
            }

            return;
        }

        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{path} is {expected?.ToJsonString()} in the example but {actual?.ToJsonString()} after the model.");
    }

    private static bool IsDefaultTheModelAlwaysWrites(JsonNode? value) => value switch
    {
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        JsonValue number when number.TryGetValue(out int integer) => integer == 0,
        _ => false,
    };
}
