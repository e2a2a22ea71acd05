using System.Text.Json;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;

namespace IntegrationHub.Core.Tests.Schema;

public sealed class ActionCategoryNamesTests
{
    [Fact]
    public void EveryCategorysWireName_IsWhatCanonicalJsonWrites_InTheOrderOfTheNationalCodes()
    {
        var written = Enum.GetValues<ActionCategory>().Select(c => JsonSerializer.Serialize(c, CanonicalJson.Options).Trim('"')).ToList();

        Assert.Equal(written, ActionCategoryNames.All);
        Assert.Equal(written, Enum.GetValues<ActionCategory>().Select(c => c.WireName()));
        Assert.Equal(["licensing", "penalty", "coercion", "levy", "payment", "inspection", "confirmation", "reward", "adjudication", "other"], ActionCategoryNames.All);
    }
}
