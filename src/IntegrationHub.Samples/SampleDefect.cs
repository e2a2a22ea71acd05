namespace IntegrationHub.Samples;

/// <summary>How a deliberately broken sample row is broken (about 1% of the rows).</summary>
public enum SampleDefect
{
    /// <summary>The agency's or the party's 统一社会信用代码 has a wrong check character.</summary>
    BadUscc,

    /// <summary>The party's 公民身份号码 has a wrong check character (the party is a natural person).</summary>
    BadIdNumber,

    /// <summary>The decision date is not a date at all ("2024年13月45日", "2024/13/45").</summary>
    UnparseableDate,

    /// <summary>The enforcing agency's name, a required field, is empty.</summary>
    MissingRequiredField,
}
