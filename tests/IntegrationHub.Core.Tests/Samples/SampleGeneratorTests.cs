using System.Text.Json;
using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Samples;
using static IntegrationHub.Core.Tests.Samples.SampleRowReader;

namespace IntegrationHub.Core.Tests.Samples;

public sealed class SampleGeneratorTests
{
    private const int Cases = 20_000;

    // Generated once for the tests that need a large sample: 2 × 20,000 rows.
    private static readonly Lazy<List<(SampleDepartment Department, SampleRow Row)>> Large =
        new(() => new SampleGenerator(42).Generate(Cases).ToList());

    [Fact]
    public void Generate_SameSeed_YieldsSameRows()
    {
        var first = Fingerprints(new SampleGenerator(7).Generate(1_500));
        var second = Fingerprints(new SampleGenerator(7).Generate(1_500));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeeds_YieldDifferentRows()
    {
        var first = Fingerprints(new SampleGenerator(7).Generate(200));
        var second = Fingerprints(new SampleGenerator(8).Generate(200));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Generate_HugeCount_StreamsWithoutMaterializing()
    {
        var rows = new SampleGenerator(1).Generate(1_000_000_000).Take(100).ToList();

        Assert.Equal(100, rows.Count);
    }

    [Fact]
    public void Generate_EachDepartment_GetsExactlyTheRequestedRowsWithUniqueKeys()
    {
        var byDepartment = Large.Value.GroupBy(r => r.Department.Id).ToDictionary(g => g.Key, g => g.Select(r => r.Row).ToList());

        Assert.Equal(SampleDepartment.All.Select(d => d.Id).Order(), byDepartment.Keys.Order());
        foreach (var rows in byDepartment.Values)
        {
            Assert.Equal(Cases, rows.Count);
            Assert.Equal(Cases, rows.Select(r => r.SourceKey).Distinct().Count());
            foreach (var row in rows.Take(50))
            {
                Assert.Equal(row.SourceKey, Convert.ToString(row.Values[KeyColumn(row)], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void Generate_20000Cases_AboutFivePercentAreSharedByBothDepartments()
    {
        var groups = Large.Value.GroupBy(r => r.Row.Truth.CaseIdentity).ToList();
        var shared = groups.Where(g => g.Count() > 1).ToList();

        var share = shared.Count / (double)Cases;
        Assert.InRange(share, 0.035, 0.065);
        Assert.All(shared, g => Assert.Equal(
            [SampleDepartment.EcologyEnvironment.Id, SampleDepartment.MarketRegulation.Id],
            g.Select(r => r.Department.Id).Order()));
    }

    [Fact]
    public void Generate_SharedCase_HasSameAgencyNumberAndPartyUpToBrackets()
    {
        var shared = Large.Value.GroupBy(r => r.Row.Truth.CaseIdentity).Where(g => g.Count() > 1).ToList();
        var sawBracketVariant = false;
        var sawConflict = false;

        foreach (var pair in shared)
        {
            var (marketDepartment, market) = pair.Single(r => IsMarket(r.Department));
            var (ecologyDepartment, ecology) = pair.Single(r => !IsMarket(r.Department));
            Assert.Equal(AgencyUscc(marketDepartment, market), AgencyUscc(ecologyDepartment, ecology));
            Assert.Equal(PartyName(marketDepartment, market), PartyName(ecologyDepartment, ecology));
            Assert.Equal(PartyUscc(marketDepartment, market), PartyUscc(ecologyDepartment, ecology));
            Assert.Equal(PartyIdNumber(marketDepartment, market), PartyIdNumber(ecologyDepartment, ecology));

            var marketNumber = DecisionNumber(marketDepartment, market);
            var ecologyNumber = DecisionNumber(ecologyDepartment, ecology);
            Assert.Contains("〔", marketNumber, StringComparison.Ordinal);
            Assert.Equal(marketNumber, ToLenticular(ecologyNumber));
            Assert.Equal(pair.Key, AgencyUscc(marketDepartment, market) + "|" + marketNumber);
            sawBracketVariant |= marketNumber != ecologyNumber;

            var marketFine = FineYuan(marketDepartment, market);
            var ecologyFine = FineYuan(ecologyDepartment, ecology);
            Assert.Equal(marketFine is null, ecologyFine is null);
            if (marketFine is { } a && ecologyFine is { } b)
            {
                Assert.InRange(Math.Abs(a - b), 0m, 50m); // B rounds to 0.01 万元
                sawConflict |= a != b;
            }

            sawConflict |= Text(ecology, "officer1_cert") is null;
        }

        Assert.True(sawBracketVariant);
        Assert.True(sawConflict);
    }

    [Fact]
    public void Generate_20000Cases_AboutOnePercentAreDefectiveWithEveryKind()
    {
        var defective = Large.Value.Where(r => r.Row.Truth.Defect is not null).ToList();

        Assert.InRange(defective.Count / (double)Large.Value.Count, 0.005, 0.015);
        foreach (var department in SampleDepartment.All)
        {
            Assert.Equal(
                Enum.GetValues<SampleDefect>().Order(),
                defective.Where(r => r.Department == department).Select(r => r.Row.Truth.Defect!.Value).Distinct().Order());
        }

        Assert.All(Large.Value.Where(r => r.Row.Truth.Defect is null), r => Assert.Null(r.Row.Truth.DefectColumn));
    }

    [Fact]
    public void Generate_DefectiveRows_AreBrokenInTheColumnTheTruthNames()
    {
        foreach (var (department, row) in Large.Value.Where(r => r.Row.Truth.Defect is not null))
        {
            var column = row.Truth.DefectColumn;
            Assert.NotNull(column);
            var value = Text(row, column);
            switch (row.Truth.Defect)
            {
                case SampleDefect.BadUscc:
                    Assert.Equal("uscc.checksum", UnifiedSocialCreditCode.Check(value!).Rule);
                    break;
                case SampleDefect.BadIdNumber:
                    Assert.Equal("id-number.checksum", ResidentIdNumber.Check(value!).Rule);
                    break;
                case SampleDefect.UnparseableDate:
                    Assert.False(TryDate(value!, out _), $"{department.Id} {row.SourceKey}: {value} parses");
                    Assert.Contains("13", value, StringComparison.Ordinal);
                    break;
                case SampleDefect.MissingRequiredField:
                    Assert.True(string.IsNullOrEmpty(value));
                    break;
            }
        }
    }

    [Fact]
    public void Generate_ValidRows_CarryIdentifiersThatPassTheirChecksums()
    {
        foreach (var (department, row) in Large.Value.Where(r => r.Row.Truth.Defect is null))
        {
            var agency = AgencyUscc(department, row);
            Assert.Equal(IdentifierVerdict.Valid, UnifiedSocialCreditCode.Check(agency).Verdict);
            Assert.StartsWith("11", agency, StringComparison.Ordinal);
            Assert.Equal(Region(department, row), agency[2..8]);
            Assert.Equal(IdentifierVerdict.Valid, RegionCode.Check(Region(department, row)).Verdict);
            Assert.StartsWith("61", Region(department, row), StringComparison.Ordinal);

            if (PartyUscc(department, row) is { } party)
            {
                Assert.Equal(IdentifierVerdict.Valid, UnifiedSocialCreditCode.Check(party).Verdict);
                Assert.Matches("^9[12]61", party);
            }

            if (PartyIdNumber(department, row) is { } id)
            {
                Assert.Equal(IdentifierVerdict.Valid, ResidentIdNumber.Check(id).Verdict);
            }

            Assert.True(PartyUscc(department, row) is not null ^ PartyIdNumber(department, row) is not null);
        }
    }

    [Fact]
    public void Generate_ValidRows_HaveDatesInOrderAndFinesInRange()
    {
        foreach (var (department, row) in Large.Value.Where(r => r.Row.Truth.Defect is null))
        {
            var (filed, decided, delivered, published) = Dates(department, row);
            Assert.NotNull(decided);
            Assert.True(filed is null || filed <= decided, $"{department.Id} {row.SourceKey}: filed {filed} > decided {decided}");
            Assert.True(delivered is null || decided <= delivered, $"{department.Id} {row.SourceKey}: decided {decided} > delivered {delivered}");
            Assert.True(published is null || (delivered ?? decided) <= published, $"{department.Id} {row.SourceKey}: published {published} too early");
            if (FineYuan(department, row) is { } fine)
            {
                Assert.InRange(fine, 500m, 200_000m);
            }
        }
    }

    [Fact]
    public void Generate_Watermarks_IncreaseWithAboutTwoPercentTiesAndKeysOutOfOrder()
    {
        foreach (var department in SampleDepartment.All)
        {
            var rows = Large.Value.Where(r => r.Department == department).Select(r => r.Row).ToList();
            var ties = 0;
            var keyDrops = 0;
            for (var i = 1; i < rows.Count; i++)
            {
                var order = string.CompareOrdinal(Text(rows[i - 1], department.WatermarkColumn), Text(rows[i], department.WatermarkColumn));
                Assert.True(order <= 0, $"{department.Id}: watermark goes back at row {i}");
                ties += order == 0 ? 1 : 0;
                keyDrops += Comparer<object>.Default.Compare(rows[i - 1].Values[department.KeyColumn]!, rows[i].Values[department.KeyColumn]!) > 0 ? 1 : 0;
            }

            Assert.InRange(ties / (double)rows.Count, 0.01, 0.03);
            Assert.True(keyDrops > rows.Count / 10, $"{department.Id}: keys follow the watermark order too closely ({keyDrops} drops)");
        }
    }

    private static string KeyColumn(SampleRow row) =>
        row.Values.ContainsKey(SampleDepartment.MarketRegulation.KeyColumn)
            ? SampleDepartment.MarketRegulation.KeyColumn
            : SampleDepartment.EcologyEnvironment.KeyColumn;

    private static string ToLenticular(string number)
    {
        foreach (var (open, close) in new[] { ("[", "]"), ("(", ")"), ("（", "）") })
        {
            number = number.Replace(open, "〔", StringComparison.Ordinal).Replace(close, "〕", StringComparison.Ordinal);
        }

        return number;
    }

    private static List<string> Fingerprints(IEnumerable<(SampleDepartment Department, SampleRow Row)> rows) =>
        rows.Select(r => $"{r.Department.Id} {r.Row.SourceKey} {r.Row.Truth} {JsonSerializer.Serialize(r.Row.Values)}").ToList();
}
