using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Core.Tests.Validation;

/// <summary>
/// The quality rules of 三项制度 and 行政处罚法 as warnings. Each case starts from a penalty record that breaks none of
/// them and changes a few fields; the expected warnings, as "rule field=value", are worked out in the comment.
/// </summary>
public sealed class WarningRuleTests
{
    // Decided on Friday 2024-09-27, before National Day. Working days after it (国办发明电〔2024〕12号):
    // 09-29 (Sunday, make-up) 1, 09-30 2, [10-01..10-07 off], 10-08 3, 10-09 4, 10-10 5, 10-11 6,
    // 10-12 (Saturday, make-up) 7, 10-14 8; 10-15..10-18 9–12, 10-21..10-25 13–17, 10-28 18, 10-29 19, 10-30 20, 10-31 21.
    private const string Compliant = """
        {
          "schema": "1",
          "agency": { "name": "某市市场监督管理局" },
          "category": "penalty",
          "counterparts": [ { "kind": "legalPerson", "name": "某某食品有限公司" } ],
          "officers": [ { "name": "张三", "certificateNumber": "1001" }, { "name": "李四", "certificateNumber": "1002" } ],
          "dates": { "filed": "2024-08-01", "decided": "2024-09-27", "delivered": "2024-09-30" },
          "procedure": "ordinary",
          "penalties": [ { "type": "warning" }, { "type": "fine", "amountYuan": 5000 } ],
          "legalReview": { "required": true, "date": "2024-09-26", "passed": true },
          "publication": { "publishedOn": "2024-09-30" }
        }
        """;

    private static readonly RecordNormalizer Normalizer = new(MappingDefinition.Parse(
        """{ "version": 1, "sourceKey": "id", "codeLists": {}, "fields": { "agency.name": { "from": "机关" } } }"""));

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "a compliant penalty", "{}", [] },

        // 办案期限 (Art. 60): 2024-01-02 + 90 calendar days = 2024-04-01 (29 + 29 + 31 + 1, leap year).
        { "decided on day 90 after filing", """{ "dates": { "filed": "2024-01-02", "decided": "2024-04-01", "delivered": "2024-04-01" }, "legalReview": { "date": "2024-04-01" }, "publication": { "publishedOn": "2024-04-02" } }""", [] },
        { "decided on day 91 after filing", """{ "dates": { "filed": "2024-01-02", "decided": "2024-04-02", "delivered": "2024-04-02" }, "legalReview": { "date": "2024-04-02" }, "publication": { "publishedOn": "2024-04-02" } }""",
            ["case.duration-over-90-days dates.decided=2024-01-02 → 2024-04-02 (91)"] },
        { "a licence granted 120 days after the application", """{ "category": "licensing", "penalties": null, "dates": { "filed": "2024-05-30" } }""", [] },

        // 双人持证执法.
        { "one officer", """{ "officers": [ { "name": "张三", "certificateNumber": "1001" } ] }""",
            ["officers.fewer-than-two officers=1 officers, 1 with certificate"] },
        { "two officers, one without certificate", """{ "officers": [ { "name": "张三", "certificateNumber": "1001" }, { "name": "李四" } ] }""",
            ["officers.certificate-missing officers[1].certificateNumber=李四", "officers.fewer-than-two officers=2 officers, 1 with certificate"] },
        { "two officers sharing one certificate number", """{ "officers": [ { "name": "张三", "certificateNumber": "1001" }, { "name": "李四", "certificateNumber": "1001" } ] }""",
            ["officers.fewer-than-two officers=2 officers, 1 with certificate"] },
        { "a penalty naming no officers", """{ "officers": null }""", ["officers.fewer-than-two officers=0 officers, 0 with certificate"] },
        { "an inspection by one officer", """{ "category": "inspection", "penalties": null, "officers": [ { "name": "张三", "certificateNumber": "1001" } ] }""",
            ["officers.fewer-than-two officers=1 officers, 1 with certificate"] },
        { "a licence naming no officers", """{ "category": "licensing", "penalties": null, "officers": null }""", [] },
        { "a licence with an officer without certificate", """{ "category": "licensing", "penalties": null, "officers": [ { "name": "王五" } ] }""",
            ["officers.certificate-missing officers[0].certificateNumber=王五"] },

        // 公示: 7 working days for penalties and licences, 20 for other decisions; the due day itself is in time.
        { "penalty published on the decision day", """{ "publication": { "publishedOn": "2024-09-27" } }""", [] },
        { "penalty published on the 7th working day across National Day", """{ "publication": { "publishedOn": "2024-10-12" } }""", [] },
        { "penalty published on the 8th working day across National Day", """{ "publication": { "publishedOn": "2024-10-14" } }""",
            ["publication.late publication.publishedOn=2024-10-14"] },
        { "licence published on the 8th working day", """{ "category": "licensing", "penalties": null, "publication": { "publishedOn": "2024-10-14" } }""",
            ["publication.late publication.publishedOn=2024-10-14"] },
        { "inspection result published on the 20th working day", """{ "category": "inspection", "penalties": null, "publication": { "publishedOn": "2024-10-30" } }""", [] },
        { "inspection result published on the 21st working day", """{ "category": "inspection", "penalties": null, "publication": { "publishedOn": "2024-10-31" } }""",
            ["publication.late publication.publishedOn=2024-10-31"] },
        { "a decision not (yet) published", """{ "publication": null }""", [] },
        { "withdrawn with a reason", """{ "publication": { "withdrawnOn": "2024-11-05", "withdrawalReason": "行政复议决定撤销" } }""", [] },
        { "withdrawn without a reason", """{ "publication": { "withdrawnOn": "2024-11-05" } }""",
            ["publication.withdrawal-reason-missing publication.withdrawalReason=2024-11-05"] },

        // 送达 (Art. 61): 7 working days.
        { "delivered on the 7th working day", """{ "dates": { "delivered": "2024-10-12" } }""", [] },
        { "delivered on the 8th working day", """{ "dates": { "delivered": "2024-10-14" } }""", ["delivery.late dates.delivered=2024-10-14"] },
        { "an inspection reported late is no delivery rule", """{ "category": "inspection", "penalties": null, "dates": { "delivered": "2024-10-14" } }""", [] },

        // 法制审核.
        { "review on the decision day", """{ "legalReview": { "date": "2024-09-27" } }""", [] },
        { "review the day after the decision", """{ "legalReview": { "date": "2024-09-28" } }""",
            ["legal-review.after-decision legalReview.date=2024-09-28"] },
        { "required review without a date", """{ "legalReview": { "date": null } }""", ["legal-review.missing legalReview.date=-"] },
        { "required review without an outcome", """{ "legalReview": { "passed": null } }""", ["legal-review.missing legalReview.passed=-"] },
        { "required review with neither", """{ "legalReview": { "required": true, "date": null, "passed": null } }""",
            ["legal-review.missing legalReview.date=-", "legal-review.missing legalReview.passed=-"] },
        { "no review required, none recorded", """{ "legalReview": { "required": false, "date": null, "passed": null } }""", [] },
        { "decided after a failed review", """{ "legalReview": { "passed": false } }""", ["legal-review.not-passed legalReview.passed=false"] },

        // 罚没金额 only when determinable.
        { "confiscated gains without amount", """{ "penalties": [ { "type": "warning" }, { "type": "confiscationOfIllegalGains" } ] }""",
            ["penalty.amount-missing penalties[1].amountYuan=confiscationOfIllegalGains"] },
        { "confiscated property without amount", """{ "penalties": [ { "type": "confiscationOfIllegalProperty" } ] }""",
            ["penalty.amount-missing penalties[0].amountYuan=confiscationOfIllegalProperty"] },
        { "confiscated gains with amount 0", """{ "penalties": [ { "type": "confiscationOfIllegalGains", "amountYuan": 0 } ] }""", [] },

        // 告知听证 (Art. 63): fines from 10,000 元 (natural person) or 100,000 元 (others), and the heavy types.
        { "natural person fined 9,999.99 元", """{ "counterparts": [ { "kind": "naturalPerson", "name": "王某" } ], "penalties": [ { "type": "fine", "amountYuan": 9999.99 } ] }""", [] },
        { "natural person fined 10,000 元 without notice", """{ "counterparts": [ { "kind": "naturalPerson", "name": "王某" } ], "penalties": [ { "type": "fine", "amountYuan": 10000 } ] }""",
            ["hearing.notice-missing hearing.noticeDate=fine 10000"] },
        { "natural person fined 10,000 元 with notice", """{ "counterparts": [ { "kind": "naturalPerson", "name": "王某" } ], "penalties": [ { "type": "fine", "amountYuan": 10000 } ], "hearing": { "noticeDate": "2024-09-10" } }""", [] },
        { "company fined 99,999 元", """{ "penalties": [ { "type": "fine", "amountYuan": 99999 } ] }""", [] },
        { "company fined 100,000 元 without notice", """{ "penalties": [ { "type": "fine", "amountYuan": 100000 } ] }""",
            ["hearing.notice-missing hearing.noticeDate=fine 100000"] },
        { "licence revoked and production suspended without notice", """{ "penalties": [ { "type": "revocationOfLicense" }, { "type": "orderToSuspendProduction" } ] }""",
            ["hearing.notice-missing hearing.noticeDate=revocationOfLicense; orderToSuspendProduction"] },
        { "simple procedure with a warning only", """{ "procedure": "simple", "counterparts": [ { "kind": "naturalPerson", "name": "王某" } ], "penalties": [ { "type": "warning" } ], "dates": { "filed": "2024-09-27", "delivered": "2024-09-27" }, "legalReview": null }""", [] },

        // 听证通知 (Art. 64): at least 7 working days before the hearing.
        { "hearing on the 7th working day after its notice", """{ "hearing": { "noticeDate": "2024-09-02", "requested": true, "hearingNoticeDate": "2024-09-27", "hearingDate": "2024-10-12" } }""", [] },
        { "hearing on the 6th working day after its notice", """{ "hearing": { "noticeDate": "2024-09-02", "requested": true, "hearingNoticeDate": "2024-09-27", "hearingDate": "2024-10-11" } }""",
            ["hearing.notice-too-late hearing.hearingNoticeDate=2024-09-27 → 2024-10-11 (6)"] },

        // 全程音像记录 of coercive measures.
        { "seizure with an audio-video recording", """{ "category": "coercion", "penalties": null, "recordings": [ { "kind": "text" }, { "kind": "audioVideo" } ] }""", [] },
        { "seizure with a written record only", """{ "category": "coercion", "penalties": null, "recordings": [ { "kind": "text" } ] }""",
            ["recording.audio-video-missing recordings=1 recordings, 0 audioVideo"] },
        { "seizure with no record", """{ "category": "coercion", "penalties": null }""", ["recording.audio-video-missing recordings=0 recordings, 0 audioVideo"] },
        { "an inspection without recordings", """{ "category": "inspection", "penalties": null }""", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_GivesExactlyTheExpectedWarnings(string name, string changes, string[] expected)
    {
        var record = Record(changes);

        var issues = Normalizer.Validate(record).ToList();

        Assert.True(issues.All(i => i.Severity == IssueSeverity.Warning),
            $"{name}: {string.Join(" | ", issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => i.MessageEn))}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), issues.Select(i => $"{i.Rule} {i.Field}={i.Value ?? "-"}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryWarning_IsACompleteSentenceInChineseAndEnglish(string name, string changes, string[] expected)
    {
        _ = expected;
        foreach (var issue in Normalizer.Validate(Record(changes)))
        {
            Assert.True(issue.MessageZh.EndsWith('。') && issue.MessageZh.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"{name}: {issue.MessageZh}");
            Assert.True(issue.MessageEn.EndsWith('.') && char.IsUpper(issue.MessageEn[0]), $"{name}: {issue.MessageEn}");
        }
    }

    [Fact]
    public void NationalDay2024_SeventhWorkingDayAfterTheDecisionIsSaturday12October()
    {
        var deadline = PublicationDeadline.ForPermitOrPenalty(new DateOnly(2024, 9, 27), WorkingDayCalendar.China);

        Assert.Equal(new DateOnly(2024, 10, 12), deadline.Due);
        Assert.False(deadline.IsEstimate);
    }

    [Fact]
    public void Validate_YearWithoutHolidayNotice_SaysTheDeadlineIsAnEstimate()
    {
        var year = WorkingDayCalendar.China.Years.Max(y => y.Year) + 1;
        var record = Record($$"""{ "dates": { "filed": "{{year}}-03-02", "decided": "{{year}}-03-02", "delivered": "{{year}}-03-02" }, "legalReview": { "date": "{{year}}-03-02" }, "publication": { "publishedOn": "{{year}}-06-01" } }""");

        var late = Assert.Single(Normalizer.Validate(record));

        Assert.Equal("publication.late", late.Rule);
        Assert.Contains("estimated", late.MessageEn, StringComparison.Ordinal);
        Assert.Contains("估算", late.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_RecordWithWarningsOnly_IsValidAndKeepsTheWarningsWithTheirSourceFields()
    {
        var normalizer = new RecordNormalizer(MappingDefinition.Parse("""
            {
              "version": 1,
              "sourceKey": "id",
              "codeLists": {},
              "fields": {
                "agency.name": { "from": "机关" },
                "category": { "const": "penalty" },
                "counterparts[0].kind": { "const": "naturalPerson" },
                "counterparts[0].name": { "from": "当事人" },
                "officers[0].name": { "from": "主办人" },
                "officers[0].certificateNumber": { "from": "主办人执法证号" },
                "dates.decided": { "from": "决定日期", "date": ["yyyy-MM-dd"] },
                "publication.publishedOn": { "from": "公示日期", "date": ["yyyy-MM-dd"] },
                "penalties[]": { "from": "处罚种类", "split": ["、"], "code": { "map": { "罚款": "fine", "没收违法所得": "confiscationOfIllegalGains" } }, "item": "type" },
                "penalties[type=fine].amountYuan": { "from": "罚款金额", "number": { "unit": "yuan" } }
              }
            }
            """));
        var raw = new JsonObject
        {
            ["id"] = "CF-1",
            ["机关"] = "某县市场监督管理局",
            ["当事人"] = "王某",
            ["主办人"] = "张三",
            ["主办人执法证号"] = "1001",
            ["决定日期"] = "2024-09-27",
            ["公示日期"] = "2024-10-14",
            ["处罚种类"] = "罚款、没收违法所得",
            ["罚款金额"] = "20000",
        };

        var result = normalizer.Normalize(raw);

        Assert.True(result.IsValid, string.Join(" | ", result.Errors.Select(e => e.MessageEn)));
        Assert.NotNull(result.Record);
        Assert.NotNull(result.ContentHash);
        Assert.Empty(result.Errors);
        Assert.Equal(
            ["hearing.notice-missing ", "officers.fewer-than-two ", "penalty.amount-missing 处罚种类", "publication.late 公示日期"],
            result.Warnings.Select(w => $"{w.Rule} {w.SourceField}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_ARecordTheSchemaAcceptsButTheCanonicalTypeCannotHold_IsRejectedNamingTheField_NotThrown()
    {
        // The schema says "an integer of at least 0"; the lineage's mapping version is an int: 3,000,000,000 fits the one,
        // not the other. A record like that must reach quarantine with a reason, never fail the run that reads it.
        var normalizer = new RecordNormalizer(MappingDefinition.Parse("""
            {
              "version": 1,
              "sourceKey": "id",
              "codeLists": {},
              "fields": {
                "agency.name": { "from": "机关" },
                "category": { "const": "inspection" },
                "counterparts[0].kind": { "const": "legalPerson" },
                "counterparts[0].name": { "from": "当事人" },
                "sources[0].connector": { "const": "demo" },
                "sources[0].sourceKey": { "from": "id" },
                "sources[0].receivedAt": { "const": "2024-10-14T08:00:00+08:00" },
                "sources[0].mappingVersion": { "const": 3000000000 }
              }
            }
            """));

        var result = normalizer.Normalize(new JsonObject { ["id"] = "JC-1", ["机关"] = "某县市场监督管理局", ["当事人"] = "某公司" });

        Assert.False(result.IsValid);
        Assert.Null(result.Record);
        var error = Assert.Single(result.Errors);
        Assert.Equal("schema.unrepresentable", error.Rule);
        Assert.Equal("sources[0].mappingVersion", error.Field);
        Assert.Contains("mappingVersion", error.MessageEn, StringComparison.Ordinal);
    }

    /// <summary>The compliant record with <paramref name="changes"/> merged in (RFC 7396: objects merge, null removes).</summary>
    private static JsonObject Record(string changes)
    {
        var record = JsonNode.Parse(Compliant)!.AsObject();
        Merge(record, JsonNode.Parse(changes)!.AsObject());
        return record;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
                target.Remove(name);
            else if (value is JsonObject inner && target[name] is JsonObject existing)
                Merge(existing, inner);
            else
                target[name] = value.DeepClone();
        }
    }
}
