using IntegrationHub.Store.Model;

namespace IntegrationHub.Core.Tests.Feeds;

public sealed class FeedScopeTests
{
    private static readonly FeedScope Shenzhen = new() { Regions = ["4403"], Categories = ["penalty", "licensing"] };

    [Fact]
    public void AnEmptyScope_AllowsEverything()
    {
        Assert.True(FeedScope.Everything.Allows("110105", "11100000000000000X", "inspection", "deleted"));
        Assert.True(FeedScope.Everything.Allows(null, null, null));
    }

    [Theory]
    [InlineData("440305", "penalty", true)]
    [InlineData("440106", "penalty", false)]
    [InlineData("440305", "inspection", false)]
    [InlineData(null, "penalty", false)]
    public void AScope_AllowsOnlyRecordsInEveryOneOfItsDimensions(string? region, string category, bool allowed) =>
        Assert.Equal(allowed, Shenzhen.Allows(region, "12440300MB2C12345X", category));

    [Fact]
    public void EventTypes_RestrictChangesButNotRecords()
    {
        var createdOnly = new FeedScope { EventTypes = ["created"] };

        Assert.True(createdOnly.Allows("440305", null, "penalty", "created"));
        Assert.False(createdOnly.Allows("440305", null, "penalty", "updated"));
        Assert.True(createdOnly.Allows("440305", null, "penalty"));
    }

    [Fact]
    public void AFilterInsideTheScope_HasNoWidenings()
    {
        var filter = new FeedScope { Regions = ["440305"], Categories = ["penalty"] };

        Assert.Empty(Shenzhen.Widenings(filter));
    }

    [Fact]
    public void AFilterOutsideTheScope_NamesEachFieldAndValueThatWidens()
    {
        var filter = new FeedScope { Regions = ["440305", "4401", "44"], Categories = ["inspection"] };

        Assert.Equal(
            [("regions", "4401"), ("regions", "44"), ("categories", "inspection")],
            Shenzhen.Widenings(filter));
    }

    [Fact]
    public void AnUnrestrictedDimension_AcceptsAnyFilterValue() =>
        Assert.Empty(Shenzhen.Widenings(new FeedScope { Agencies = ["12440300MB2C12345X"], EventTypes = ["deleted"] }));

    [Fact]
    public void Narrowing_KeepsTheLongerOfNestedPrefixesAndTheCommonValues()
    {
        var narrowed = Shenzhen.Narrow(new FeedScope { Regions = ["44", "440305"], Categories = ["penalty", "inspection"] });

        Assert.NotNull(narrowed);
        Assert.Equal(["4403", "440305"], narrowed.Regions);
        Assert.Equal(["penalty"], narrowed.Categories);
    }

    [Fact]
    public void Narrowing_ToSomethingDisjoint_MatchesNothing()
    {
        Assert.Null(Shenzhen.Narrow(new FeedScope { Regions = ["4401"] }));
        Assert.Null(Shenzhen.Narrow(new FeedScope { Categories = ["inspection"] }));
    }

    [Fact]
    public void NarrowingByNothing_IsTheScopeItself() =>
        Assert.Equal(Shenzhen, Shenzhen.Narrow(FeedScope.Everything));

    [Fact]
    public void TheEffectiveScopeOfASubscription_IsItsScopeNarrowedByItsFilter()
    {
        var subscription = new Subscription
        {
            Id = "sz",
            Name = "深圳",
            Scope = Shenzhen,
            Filter = new FeedScope { Regions = ["440305"] },
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal(["440305"], subscription.EffectiveScope!.Regions);
        Assert.Equal(["penalty", "licensing"], subscription.EffectiveScope.Categories);
    }
}
