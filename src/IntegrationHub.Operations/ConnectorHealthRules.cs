using System.Globalization;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Pipeline.Runs;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Operations;

/// <summary>
/// The health of a connector from its recent runs, its sync summary, its schedule and (cdc) its replication slot. The first
/// rule that applies wins: failing (the last <see cref="HealthOptions.FailingAfterRuns"/> finished runs failed, or the
/// server invalidated its replication slot), stale (its replication slot keeps more log than
/// <see cref="HealthOptions.SlotRetainedWalBytes"/> or lags more than <see cref="HealthOptions.SlotLagBytes"/>; or
/// scheduled, enabled, and no success for <see cref="HealthOptions.StaleAfterIntervals"/> schedule intervals), drifted (the source's fields
/// changed within <see cref="HealthOptions.DriftAttention"/>), degraded (the latest run failed after a success, or put a
/// large share of its records in quarantine), healthy.
/// </summary>
public static class ConnectorHealthRules
{
    /// <param name="recentRuns">The connector's latest runs, newest first (at least <see cref="HealthOptions.FailingAfterRuns"/>).</param>
    /// <param name="slot">The connector's replication slot as its source shows it (cdc mode); null for other connectors.</param>
    public static ConnectorHealth Evaluate(ConnectorDefinition connector, ConnectorSyncSummary? summary, IReadOnlyList<SyncRun> recentRuns,
        DateTimeOffset now, HealthOptions options, ReplicationSlotState? slot = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(recentRuns);
        ArgumentNullException.ThrowIfNull(options);
        var finished = recentRuns.Where(r => r.Status is RunStatus.Completed or RunStatus.Failed).ToList();
        var failures = finished.TakeWhile(r => r.Status == RunStatus.Failed).Count();
        var lastSuccess = summary?.LastSuccessAt;
        var lastCompleted = finished.FirstOrDefault(r => r.Status == RunStatus.Completed);
        var (state, en, zh) = Judge(connector, summary, finished, failures, now, options, slot);
        return new ConnectorHealth
        {
            Id = connector.Id,
            Name = connector.Name,
            Department = connector.Department,
            Enabled = connector.Enabled,
            State = state,
            Reason = en,
            ReasonZh = zh,
            LastSuccessAt = lastSuccess,
            LagSeconds = lastSuccess is { } at ? Math.Max(0, (now - at).TotalSeconds) : null,
            RecordsPerMinute = lastCompleted is { FinishedAt: { } end } ? Math.Round(lastCompleted.Counts.Pulled / Math.Max((end - lastCompleted.StartedAt).TotalMinutes, 1.0 / 60), 1) : null,
            QuarantineCount = summary?.OpenQuarantine ?? 0,
            ConsecutiveFailures = failures,
            LastRunStatus = finished.Count > 0 ? finished[0].Status.ToString().ToLowerInvariant() : null,
            ReplicationSlot = ReplicationSlotView.From(slot),
        };
    }

    private static (string State, string En, string Zh) Judge(ConnectorDefinition connector, ConnectorSyncSummary? summary, List<SyncRun> finished,
        int failures, DateTimeOffset now, HealthOptions options, ReplicationSlotState? slot)
    {
        var latest = finished.FirstOrDefault();
        if (failures >= options.FailingAfterRuns)
        {
            return (ConnectorHealthStates.Failing,
                $"The last {failures} runs failed; the latest with: {latest!.Error}",
                $"最近 {failures} 次同步均失败；最近一次错误：{latest!.Error}");
        }

        if (slot is { Exists: true, WalStatus: "lost" })
        {
            return (ConnectorHealthStates.Failing,
                $"The source invalidated replication slot {slot.Slot} on {slot.Source} (it kept more log than max_slot_wal_keep_size): changes since the hub last read are lost to it (docs/connectors/sql.md)",
                $"数据源 {slot.Source} 已使复制槽 {slot.Slot} 失效（保留的日志超过 max_slot_wal_keep_size）：此后的变更已无法读取");
        }

        if (slot is { Exists: true } held && (held.RetainedWalBytes >= options.SlotRetainedWalBytes || held.LagBytes >= options.SlotLagBytes))
        {
            var idle = held.Active ? "" : "; no run reads the slot now";
            var idleZh = held.Active ? "" : "；当前没有同步在读取该复制槽";
            return (ConnectorHealthStates.Stale,
                $"Replication slot {held.Slot} makes {held.Source} keep {Bytes(held.RetainedWalBytes)} of log (alert from {Bytes(options.SlotRetainedWalBytes)}), " +
                $"and the hub's confirmed position is {Bytes(held.LagBytes)} behind (alert from {Bytes(options.SlotLagBytes)}){idle}: the source's disk fills until the hub catches up or the slot is dropped",
                $"复制槽 {held.Slot} 使 {held.Source} 保留 {Bytes(held.RetainedWalBytes)} 日志（告警阈值 {Bytes(options.SlotRetainedWalBytes)}），汇聚平台已确认位置落后 {Bytes(held.LagBytes)}（告警阈值 {Bytes(options.SlotLagBytes)}）{idleZh}：在追上或删除复制槽之前，数据源磁盘占用会持续增长");
        }

        if (connector.Enabled && StaleAfter(connector.Schedule, now, options) is { } staleAfter)
        {
            var since = summary?.LastSuccessAt ?? finished.LastOrDefault()?.StartedAt;
            if (since is { } from && now - from > staleAfter)
            {
                var what = summary?.LastSuccessAt is null ? "No run has succeeded since" : "The last successful run was";
                var whatZh = summary?.LastSuccessAt is null ? "自以下时间起没有成功的同步" : "最近一次成功同步在";
                return (ConnectorHealthStates.Stale,
                    $"{what} {Ago(now - from)} ago; its schedule expects one at least every {Ago(staleAfter)}",
                    $"{whatZh} {Ago(now - from)} 前；按计划至少每 {Ago(staleAfter)} 应成功一次");
            }
        }

        if (summary?.LastDrift is { } drift && now - drift.DetectedAt < options.DriftAttention)
        {
            var missing = drift.MappedButMissing.Count > 0 ? $"; the mapping reads fields that no longer come: {string.Join(", ", drift.MappedButMissing)}" : "";
            var missingZh = drift.MappedButMissing.Count > 0 ? $"；映射读取的字段已不再提供：{string.Join("、", drift.MappedButMissing)}" : "";
            return (ConnectorHealthStates.Drifted,
                $"The source's fields changed {Ago(now - drift.DetectedAt)} ago (added: {List(drift.Added)}; removed: {List(drift.Removed)}){missing}",
                $"数据源字段在 {Ago(now - drift.DetectedAt)} 前发生变化（新增：{List(drift.Added)}；删除：{List(drift.Removed)}）{missingZh}");
        }

        if (latest is { Status: RunStatus.Failed })
        {
            return (ConnectorHealthStates.Degraded,
                $"The latest run failed ({failures} of {options.FailingAfterRuns} failures before failing): {latest.Error}",
                $"最近一次同步失败（连续 {failures} 次，达到 {options.FailingAfterRuns} 次即为故障）：{latest.Error}");
        }

        if (latest is { Counts: var counts } && counts.Pulled >= options.QuarantineSpikeMinimumRecords
            && counts.Quarantined >= counts.Pulled * options.QuarantineSpikeShare)
        {
            var share = (int)Math.Round(100.0 * counts.Quarantined / counts.Pulled);
            return (ConnectorHealthStates.Degraded,
                $"The latest run put {counts.Quarantined} of {counts.Pulled} records ({share}%) in quarantine",
                $"最近一次同步有 {counts.Quarantined}/{counts.Pulled} 条记录（{share}%）进入隔离区");
        }

        return latest is null
            ? (ConnectorHealthStates.Healthy, "No run has finished yet", "尚无完成的同步")
            : (ConnectorHealthStates.Healthy, $"The latest run succeeded {Ago(now - (latest.FinishedAt ?? latest.StartedAt))} ago", $"最近一次同步在 {Ago(now - (latest.FinishedAt ?? latest.StartedAt))} 前成功");
    }

    /// <summary>
    /// How long without success makes the connector stale: the schedule's interval times the configured factor. A continuous
    /// schedule has no interval: how far such a connector is behind its source is its replication slot's lag.
    /// </summary>
    public static TimeSpan? StaleAfter(ConnectorSchedule schedule, DateTimeOffset now, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Continuous)
            return null;
        if (SyncScheduler.NextAfter(schedule, now) is not { } next || SyncScheduler.NextAfter(schedule, next) is not { } after)
            return null;
        return (after - next) * options.StaleAfterIntervals;
    }

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "an unknown amount",
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes.Value / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes.Value / (double)(1L << 20):0.#} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes.Value / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes.Value} B"),
    };

    private static string List(IReadOnlyList<string> fields) => fields.Count == 0 ? "-" : string.Join(", ", fields);

    private static string Ago(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} d"),
        { TotalHours: >= 2 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} h"),
        { TotalMinutes: >= 2 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):0} s"),
    };
}
