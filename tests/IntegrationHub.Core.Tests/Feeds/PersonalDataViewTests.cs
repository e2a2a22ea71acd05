using System.Text.Json.Nodes;
using IntegrationHub.Feeds.Privacy;

namespace IntegrationHub.Core.Tests.Feeds;

public sealed class PersonalDataViewTests
{
    private const string IdNumber = "11010519491231002X";

    private static JsonObject Record() => new()
    {
        ["caseNumber"] = "深市监罚〔2024〕1号",
        ["counterparts"] = new JsonArray
        {
            new JsonObject { ["kind"] = "naturalPerson", ["name"] = "张三", ["idType"] = "residentIdCard", ["idNumber"] = IdNumber },
            new JsonObject { ["kind"] = "legalPerson", ["name"] = "某某公司", ["uscc"] = "91440300MA5F12345X" },
        },
    };

    private static PersonalDataTokens Tokens(byte fill = 7) => new(Enumerable.Repeat(fill, 32).ToArray());

    [Fact]
    public void AMaskedView_HidesTheBirthDateAndSequenceOfAnIdNumber()
    {
        var record = Record();

        Tokens().MaskedFor("sz").Apply(record);

        var person = record["counterparts"]![0]!;
        Assert.Equal("110105********002X", person["idNumber"]!.GetValue<string>());
        Assert.StartsWith(PersonalDataView.TokenPrefix, person["idNumberToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, record.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMaskedView_LeavesTheUsccOfALegalPersonAndEveryName()
    {
        var record = Record();

        Tokens().MaskedFor("sz").Apply(record);

        Assert.Equal("91440300MA5F12345X", record["counterparts"]![1]!["uscc"]!.GetValue<string>());
        Assert.Equal("张三", record["counterparts"]![0]!["name"]!.GetValue<string>());
        Assert.Null(record["counterparts"]![1]!["idNumberToken"]);
    }

    [Fact]
    public void TheUnmaskedView_ChangesNothing()
    {
        var record = Record();
        var before = record.ToJsonString();

        PersonalDataView.Unmasked.Apply(record);

        Assert.Equal(before, record.ToJsonString());
    }

    [Fact]
    public void Tokens_MatchAcrossEventsOfOneSubscriber_ButNotAcrossSubscribers()
    {
        var tokens = Tokens();

        Assert.Equal(tokens.MaskedFor("sz").Token(IdNumber), tokens.MaskedFor("sz").Token(IdNumber.ToLowerInvariant()));
        Assert.NotEqual(tokens.MaskedFor("sz").Token(IdNumber), tokens.MaskedFor("gz").Token(IdNumber));
        Assert.NotEqual(tokens.MaskedFor("sz").Token(IdNumber), Tokens(8).MaskedFor("sz").Token(IdNumber));
    }

    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("G12345678", "G1*****78")]
    [InlineData("1234", "****")]
    public void MaskIdentifier_KeepsOnlyTheEnds(string identifier, string masked) =>
        Assert.Equal(masked, PersonalDataView.MaskIdentifier(identifier));

    [Fact]
    public void TheTokenSecret_IsCreatedOnceAndReadBackTheSame()
    {
        var directory = Directory.CreateTempSubdirectory("pii-token-");
        try
        {
            var path = Path.Combine(directory.FullName, PersonalDataTokens.FileName);
            var first = PersonalDataTokens.FromFile(path).MaskedFor("sz").Token(IdNumber);
            var second = PersonalDataTokens.FromFile(path).MaskedFor("sz").Token(IdNumber);

            Assert.Equal(first, second);
            Assert.Equal(32, new FileInfo(path).Length);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void MaskText_HidesEveryResidentIdNumberInAPayload_AndLeavesOtherNumbers()
    {
        var raw = $$"""{"证件号码":"{{IdNumber}}","案号":"深市监罚〔2024〕1号","统一社会信用代码":"91440300MA5F12345X","电话":"075512345678","金额":"123456789012345678901"}""";

        var masked = Tokens().MaskedFor(null).MaskText(raw);

        Assert.DoesNotContain(IdNumber, masked, StringComparison.Ordinal);
        Assert.Contains("110105********002X", masked, StringComparison.Ordinal);
        Assert.Contains("91440300MA5F12345X", masked, StringComparison.Ordinal);
        Assert.Contains("075512345678", masked, StringComparison.Ordinal);
        Assert.Contains("123456789012345678901", masked, StringComparison.Ordinal);
        Assert.Equal(raw, PersonalDataView.Unmasked.MaskText(raw));
    }
}
