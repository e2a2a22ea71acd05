using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Samples;

/// <summary>
/// Generates the rows of both sample departments, deterministically for a seed and as a stream: memory does not
/// grow with the number of rows.
/// <list type="bullet">
/// <item>Each department gets exactly <c>casesPerDepartment</c> rows, yielded in generation order.</item>
/// <item>About 5% of the cases are decisions of a county 综合行政执法局 present in both departments (same agency
/// USCC, same decision number up to its brackets, same party); department B's copy differs in a few other fields.</item>
/// <item>About 1% of the other rows are broken on purpose (<see cref="SampleDefect"/>).</item>
/// <item>Watermarks increase with generation order from 2025-01-01 09:00 (China time); about 2% of the rows repeat
/// the previous row's watermark. Keys are scrambled within blocks of 256 rows, so the key order is not the watermark
/// order and ties must be broken by the key.</item>
/// </list>
/// </summary>
public sealed class SampleGenerator(int seed)
{
    /// <summary>Share of cases present in both departments.</summary>
    public const double SharedShare = 0.05;

    /// <summary>Share of the non-shared rows broken on purpose.</summary>
    public const double DefectShare = 0.01;

    /// <summary>Share of rows with the same watermark as the row before them.</summary>
    public const double WatermarkTieShare = 0.02;

    private const long KeyBlock = 256;

    private static readonly DateTimeOffset FirstWatermark = new(2025, 1, 1, 9, 0, 0, ChinaTime.Offset);

    /// <summary>Rows of both departments, interleaved; each case's rows are yielded together.</summary>
    public IEnumerable<(SampleDepartment Department, SampleRow Row)> Generate(int casesPerDepartment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(casesPerDepartment);
        return Iterate(casesPerDepartment);
    }

    private IEnumerable<(SampleDepartment Department, SampleRow Row)> Iterate(int count)
    {
        var random = new Random(seed);
        var factory = new SampleCaseFactory(random);
        var market = MarketRegulationShape.Instance;
        var ecology = EcologyEnvironmentShape.Instance;
        var marketClock = new WatermarkClock(random, FirstWatermark);
        var ecologyClock = new WatermarkClock(random, FirstWatermark.AddMinutes(7));

        for (long i = 0; i < count; i++)
        {
            var marketKey = market.Key(ScrambledKey(i, 157));
            var ecologyKey = ecology.Key(ScrambledKey(i, 193));
            if (random.NextDouble() < SharedShare)
            {
                var shared = factory.Shared();
                yield return (market.Department, Row(market, shared, marketKey, marketClock.Next(), shared: true, defect: null, random));
                yield return (ecology.Department, Row(ecology, shared, ecologyKey, ecologyClock.Next(), shared: true, defect: null, random));
                continue;
            }

            var marketDefect = Defect(random);
            var marketCase = factory.Market(naturalPersonPenalty: marketDefect == SampleDefect.BadIdNumber);
            yield return (market.Department, Row(market, marketCase, marketKey, marketClock.Next(), shared: false, marketDefect, random));

            var ecologyDefect = Defect(random);
            var ecologyCase = factory.Ecology(naturalPersonPenalty: ecologyDefect == SampleDefect.BadIdNumber);
            yield return (ecology.Department, Row(ecology, ecologyCase, ecologyKey, ecologyClock.Next(), shared: false, ecologyDefect, random));
        }
    }

    private static SampleRow Row(
        SampleDepartmentShape shape, SampleCase sample, object key, DateTimeOffset watermark, bool shared, SampleDefect? defect, Random random)
    {
        var values = shape.Build(sample, key, watermark, shared, random);
        var column = defect is { } d ? shape.Break(values, sample, d, random) : null;
        return new SampleRow(shape.SourceKey(key), values, new SampleTruth(sample.Identity, defect, column));
    }

    /// <summary>
    /// Keys follow generation order block by block, but inside each block of <see cref="KeyBlock"/> rows they are
    /// permuted (i ↦ i·a mod 256 for an odd a is a bijection), so key order and watermark order disagree while inserts
    /// into a rowid table stay nearly sequential.
    /// </summary>
    private static long ScrambledKey(long index, long multiplier)
    {
        var offset = index % KeyBlock;
        return index - offset + (offset * multiplier % KeyBlock) + 1;
    }

    private static SampleDefect? Defect(Random random) =>
        random.NextDouble() < DefectShare ? (SampleDefect)random.Next(4) : null;

    private sealed class WatermarkClock(Random random, DateTimeOffset first)
    {
        private DateTimeOffset? current;

        public DateTimeOffset Next()
        {
            if (current is null)
            {
                current = first;
            }
            else if (random.NextDouble() >= WatermarkTieShare)
            {
                current = current.Value.AddMilliseconds(random.Next(200, 8_000));
            }

            return current.Value;
        }
    }
}
