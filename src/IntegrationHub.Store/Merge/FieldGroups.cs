namespace IntegrationHub.Store.Merge;

/// <summary>The field groups of canonical schema v1, in the order of the record; docs/golden-records.md explains them.</summary>
public static class FieldGroups
{
    public static FieldGroup Case { get; } = new("case", ["agency", "category", "powerItemCode", "caseName", "caseNumber", "decisionNumber"]);

    public static FieldGroup Counterparts { get; } = new("counterparts", ["counterparts"]);

    public static FieldGroup Officers { get; } = new("officers", ["officers"]);

    public static FieldGroup Dates { get; } = new("dates", ["dates"]);

    public static FieldGroup Decision { get; } = new("decision", ["procedure", "violation", "decisionContent", "legalBasis"]);

    public static FieldGroup Penalties { get; } = new("penalties", ["penalties"]);

    public static FieldGroup License { get; } = new("license", ["license"]);

    public static FieldGroup LegalReview { get; } = new("legalReview", ["legalReview"]);

    public static FieldGroup Hearing { get; } = new("hearing", ["hearing"]);

    public static FieldGroup Recordings { get; } = new("recordings", ["recordings"]);

    public static FieldGroup Publication { get; } = new("publication", ["publication"]);

    public static IReadOnlyList<FieldGroup> All { get; } =
        [Case, Counterparts, Officers, Dates, Decision, Penalties, License, LegalReview, Hearing, Recordings, Publication];
}
