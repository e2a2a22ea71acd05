using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 重大执法决定法制审核 (国办发〔2018〕118号; 行政处罚法 Art. 58): a required review is recorded with its date and
/// outcome, happens before the decision (on the same day is allowed, the record has no times), and passes:
/// "未经法制审核或者审核未通过的，不得作出决定".
/// </summary>
internal static class LegalReviewRules
{
    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf)
    {
        if (record["legalReview"] is not JsonObject review)
            yield break;
        var reviewed = CanonicalValues.Date(review, "date");
        var passed = CanonicalValues.Bool(review, "passed");
        var decided = CanonicalValues.Date(record, "dates.decided");

        if (CanonicalValues.Bool(review, "required") == true)
        {
            if (reviewed is null)
                yield return Missing(sourceFieldOf, "legalReview.date", "审核日期", "review date");
            if (passed is null)
                yield return Missing(sourceFieldOf, "legalReview.passed", "审核结果", "review outcome");
        }

        if (reviewed is { } on && decided is { } day && on > day)
        {
            const string field = "legalReview.date";
            var (reviewDay, decision) = (CanonicalValues.Iso(on), CanonicalValues.Iso(day));
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), reviewDay, "legal-review.after-decision",
                $"法制审核日期（{reviewDay}）晚于决定日期（{decision}），法制审核应当在作出决定之前进行。",
                $"The legal review of {reviewDay} took place after the decision of {decision}, but the review must come before the decision.");
        }

        if (passed == false && decided is { } decidedOn)
        {
            const string field = "legalReview.passed";
            var decision = CanonicalValues.Iso(decidedOn);
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), "false", "legal-review.not-passed",
                $"法制审核未通过，但仍于 {decision} 作出决定；审核未通过的，不得作出决定。",
                $"The decision was taken on {decision} although the legal review did not pass, and no decision may be taken after a failed review.");
        }
    }

    private static ValidationIssue Missing(Func<string, string?> sourceFieldOf, string field, string zh, string en) =>
        ValidationIssue.Warning(field, sourceFieldOf(field), null, "legal-review.missing",
            $"该决定须经法制审核（legalReview.required 为 true），但未记录{zh}。",
            $"The decision requires a legal review (legalReview.required is true), but no {en} is recorded.");
}
