using IntegrationHub.Connectors.Sql;

namespace IntegrationHub.Integration.Tests.Connectors.Sql;

/// <summary>A checkpoint gives back the value the driver returned, with its .NET type; pure, no server.</summary>
public sealed class KeysetCheckpointTests
{
    public static TheoryData<object> Values => new()
    {
        42L, 7, (short)3, (byte)1, 4_000_000_000u, ulong.MaxValue, 12.345m, 0.1d, true, "案件-001",
        new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified).AddTicks(1234567),
        new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(10),
        new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(8)),
        new DateOnly(2024, 5, 6), new TimeOnly(7, 8, 9, 10), TimeSpan.FromMinutes(90), Guid.Parse("9d4c2f34-6f0e-4b0c-8a47-7b1a6c2a1e55"),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Parse_OfSerialize_GivesTheSameValueBack(object value)
    {
        var parsed = KeysetCheckpoint.Parse(new KeysetCheckpoint(value, value).Serialize())!;

        var expected = value switch
        {
            int or short or byte or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        Assert.Equal(expected, parsed.Watermark);
        Assert.Equal(expected.GetType(), parsed.Key.GetType());
        if (value is DateTime time)
            Assert.Equal(time.Kind, ((DateTime)parsed.Watermark).Kind);
    }

    [Fact]
    public void Parse_NoCheckpoint_IsNull() => Assert.Null(KeysetCheckpoint.Parse(null));
}
