using System.Globalization;

namespace IntegrationHub.Samples;

/// <summary>
/// How one department stores a case: rendering a <see cref="SampleCase"/> as a row, breaking a row on purpose, and
/// the knowledge <see cref="SampleSourceWriter.ChangeAsync"/> needs to change valid rows.
/// </summary>
internal abstract class SampleDepartmentShape
{
    public abstract SampleDepartment Department { get; }

    public abstract string CategoryColumn { get; }
    public abstract string PenaltyCategory { get; }
    public abstract string FactsColumn { get; }
    public abstract string FineColumn { get; }

    /// <summary>Columns <see cref="IsValid"/> looks at.</summary>
    public abstract IReadOnlyList<string> CheckedColumns { get; }

    public static SampleDepartmentShape For(SampleDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return department.Id switch
        {
            "market-regulation" => MarketRegulationShape.Instance,
            "ecology-environment" => EcologyEnvironmentShape.Instance,
            _ => throw new ArgumentException($"Unknown sample department \"{department.Id}\".", nameof(department)),
        };
    }

    public abstract object Key(long ordinal);

    public abstract string SourceKey(object key);

    public abstract string Watermark(DateTimeOffset time);

    public abstract Dictionary<string, object?> Build(SampleCase sample, object key, DateTimeOffset watermark, bool shared, Random random);

    /// <summary>Breaks the row as <paramref name="defect"/> says; returns the column now broken.</summary>
    public abstract string Break(Dictionary<string, object?> values, SampleCase sample, SampleDefect defect, Random random);

    /// <summary>Whether a stored row carries none of the deliberate defects (checked from its values alone).</summary>
    public abstract bool IsValid(IReadOnlyDictionary<string, object?> values);

    /// <summary>The fine a changed row gets: the stored one plus 100 元, in the department's own notation.</summary>
    public abstract string? ChangedFine(object? stored);

    protected static string Invariant(IFormattable value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    protected static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
