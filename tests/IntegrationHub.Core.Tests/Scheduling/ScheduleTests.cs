using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Pipeline.Runs;

namespace IntegrationHub.Core.Tests.Scheduling;

public sealed class ScheduleTests
{
    private static readonly DateTimeOffset FridayNineChina = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void NextAfter_AnInterval_IsNowPlusTheInterval() =>
        Assert.Equal(FridayNineChina.AddMinutes(5), SyncScheduler.NextAfter(new ConnectorSchedule(TimeSpan.FromMinutes(5), null), FridayNineChina));

    [Fact]
    public void NextAfter_WeekdayMorningCron_AfterFridayMorning_IsMondayEightInChinaStandardTime()
    {
        var next = SyncScheduler.NextAfter(new ConnectorSchedule(null, "0 8 * * 1-5"), FridayNineChina);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8)), next);
    }

    [Fact]
    public void NextAfter_EveryFifteenMinutesCron_IsTheNextQuarterHour() =>
        Assert.Equal(FridayNineChina.AddMinutes(15), SyncScheduler.NextAfter(new ConnectorSchedule(null, "*/15 * * * *"), FridayNineChina));

    [Fact]
    public void NextAfter_NoSchedule_IsNullSoTheConnectorRunsOnlyByHand() =>
        Assert.Null(SyncScheduler.NextAfter(ConnectorSchedule.Manual, FridayNineChina));

    [Fact]
    public void NextAfter_AContinuousSchedule_IsNow_SoTheNextRunStartsAsSoonAsOneEnds()
    {
        var schedule = ParseSchedule("""{ "continuous": true }""");

        Assert.True(schedule.Continuous);
        Assert.Equal(FridayNineChina, SyncScheduler.NextAfter(schedule, FridayNineChina));
    }

    [Fact]
    public void Parse_ContinuousBesideAnInterval_IsRefusedNamingTheSchedule()
    {
        var error = Assert.Throws<ConnectorDefinitionException>(() => ParseSchedule("""{ "continuous": true, "every": "00:05:00" }"""));

        Assert.Equal("schedule", error.Setting);
    }

    private static ConnectorSchedule ParseSchedule(string schedule) => ConnectorDefinitionParser.Parse(
        $$"""{ "id": "cdc", "name": "cdc", "kind": "sql", "schedule": {{schedule}}, "source": {}, "mapping": { "version": 1, "sourceKey": "id", "fields": {} } }""",
        name => throw new InvalidOperationException(name), "test").Schedule;
}
