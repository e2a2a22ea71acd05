using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Merge;

namespace IntegrationHub.Core.Tests.Merge;

/// <summary>The merge rule of golden records: per field group, priority first, then the most recent read; silence never erases.</summary>
public sealed class GoldenRecordMergerTests
{
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Merge_PriorityWinsPerGroup_AndTheDisagreementIsLogged()
    {
        var market = Source("market", 20, Morning, Case() with { Penalties = [Fine(50_000m)] });
        var ecology = Source("ecology", 10, Morning.AddHours(1), Case() with { Penalties = [Fine(50_100m)] });

        var merged = GoldenRecordMerger.Merge([ecology, market]);

        Assert.Equal(50_000m, Assert.Single(merged.Record.Penalties).AmountYuan);
        Assert.Equal("market", merged.Lineage.Single(l => l.Group == "penalties").Connector);
        var conflict = Assert.Single(merged.Conflicts);
        Assert.Equal("penalties", conflict.Group);
        Assert.Equal(["penalties"], conflict.Paths);
        Assert.Equal("market", conflict.ChosenConnector);
        Assert.Equal(["market", "ecology"], conflict.Values.Select(v => v.Connector));
        Assert.Contains("50100", conflict.Values[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_HigherPrioritySourceSilentOnAGroup_DoesNotEraseTheOtherSourcesValue()
    {
        var publication = new Publication { PublishedOn = new DateOnly(2026, 3, 9) };
        var market = Source("market", 20, Morning, Case());
        var ecology = Source("ecology", 10, Morning, Case() with { Publication = publication, Hearing = new Hearing { Requested = false } });

        var merged = GoldenRecordMerger.Merge([market, ecology]);

        Assert.Equal(publication, merged.Record.Publication);
        Assert.Equal("ecology", merged.Lineage.Single(l => l.Group == "publication").Connector);
        Assert.Equal("ecology", merged.Lineage.Single(l => l.Group == "hearing").Connector);
        Assert.Equal("market", merged.Lineage.Single(l => l.Group == "case").Connector);
        Assert.Empty(merged.Conflicts);
    }

    [Fact]
    public void Merge_EqualPriorities_TakeTheMostRecentRead()
    {
        var older = Source("first", 10, Morning, Case() with { DecisionContent = "罚款五万元" });
        var newer = Source("second", 10, Morning.AddMinutes(5), Case() with { DecisionContent = "罚款五万元整" });

        var merged = GoldenRecordMerger.Merge([older, newer]);

        Assert.Equal("罚款五万元整", merged.Record.DecisionContent);
        Assert.Equal("second", merged.Primary.ConnectorId);
        Assert.Equal("second", Assert.Single(merged.Conflicts).ChosenConnector);
    }

    [Fact]
    public void Merge_EqualValues_GiveNoConflict_AndTheSameHashAsTheSingleSource()
    {
        var content = Case() with { Penalties = [Fine(8_000m)], Publication = new Publication { PublishedOn = new DateOnly(2026, 3, 9) } };

        var merged = GoldenRecordMerger.Merge([Source("market", 20, Morning, content), Source("ecology", 10, Morning, content)]);

        Assert.Empty(merged.Conflicts);
        Assert.Equal(CanonicalJson.ContentHash(content), merged.ContentHash);
        Assert.Equal(CanonicalJson.Serialize(content), CanonicalJson.Serialize(merged.Record));
    }

    [Fact]
    public void Merge_APathOnlyOneSourceHolds_IsNoDisagreement()
    {
        var market = Source("market", 20, Morning, Case() with { CaseNumber = "沪市监案〔2026〕17号" });
        var ecology = Source("ecology", 10, Morning, Case());

        var merged = GoldenRecordMerger.Merge([market, ecology]);

        Assert.Empty(merged.Conflicts);
        Assert.Equal("沪市监案〔2026〕17号", merged.Record.CaseNumber);
    }

    [Fact]
    public void Merge_LineageNamesSourceVersionAndMappingVersion()
    {
        var merged = GoldenRecordMerger.Merge([Source("market", 20, Morning, Case() with { Penalties = [Fine(1_000m)] }) with { SourceVersion = "v7", MappingVersion = 3 }]);

        var penalties = merged.Lineage.Single(l => l.Group == "penalties");
        Assert.Equal(("market", "market-1", "v7", 3L, Morning), (penalties.Connector, penalties.SourceKey, penalties.SourceVersion, penalties.MappingVersion, penalties.ReadAt));
        Assert.DoesNotContain(merged.Lineage, l => l.Group == "publication");
    }

    private static MergeSource Source(string connector, long priority, DateTimeOffset readAt, EnforcementAction content) => new()
    {
        ConnectorId = connector,
        SourceKey = connector + "-1",
        Priority = priority,
        MappingVersion = 1,
        ReadAt = readAt,
        Content = CanonicalJson.Serialize(content),
    };

    private static Penalty Fine(decimal yuan) => new() { Type = PenaltyType.Fine, AmountYuan = yuan };

    private static EnforcementAction Case() => new()
    {
        Agency = new EnforcingAgency { Name = "上海市市场监督管理局", Uscc = "11310000MB2F3468XK", RegionCode = "310000" },
        Category = ActionCategory.Penalty,
        DecisionNumber = "沪市监罚〔2026〕17号",
        Counterparts = [new Counterpart { Kind = CounterpartKind.LegalPerson, Name = "上海某某贸易有限公司" }],
        Dates = new ActionDates { Decided = new DateOnly(2026, 3, 2) },
    };
}
