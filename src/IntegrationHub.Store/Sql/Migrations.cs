namespace IntegrationHub.Store.Sql;

/// <summary>
/// The store's schema, as numbered migrations applied in order at start. Instants are BIGINT Unix milliseconds and
/// dates are yyyy-MM-dd text in both databases, so that one SQL text serves both.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<(int Version, string Sql)> All(StoreDialect dialect) =>
    [
        (1, $"""
            CREATE TABLE golden_records (
                id TEXT PRIMARY KEY,
                identity_key TEXT NOT NULL UNIQUE,
                version INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                content TEXT NOT NULL,
                agency_uscc TEXT,
                region_code TEXT,
                category TEXT,
                decided_on TEXT,
                decision_number TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL);
            CREATE INDEX ix_golden_records_region ON golden_records (region_code);
            CREATE INDEX ix_golden_records_agency ON golden_records (agency_uscc);

            CREATE TABLE record_versions (
                record_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                change_kind TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                content TEXT NOT NULL,
                connector_id TEXT NOT NULL,
                changed_at BIGINT NOT NULL,
                PRIMARY KEY (record_id, version));

            CREATE TABLE source_records (
                connector_id TEXT NOT NULL,
                source_key TEXT NOT NULL,
                record_id TEXT NOT NULL,
                priority INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                content TEXT NOT NULL,
                raw TEXT NOT NULL,
                source_version TEXT,
                mapping_version INTEGER NOT NULL,
                warnings TEXT,
                read_at BIGINT NOT NULL,
                received_at BIGINT NOT NULL,
                PRIMARY KEY (connector_id, source_key));
            CREATE INDEX ix_source_records_record ON source_records (record_id);

            CREATE TABLE quarantine (
                id {dialect.AutoIncrementKey},
                connector_id TEXT NOT NULL,
                source_key TEXT NOT NULL,
                run_id TEXT NOT NULL,
                raw TEXT NOT NULL,
                raw_hash TEXT NOT NULL,
                reasons TEXT NOT NULL,
                rules TEXT NOT NULL,
                status TEXT NOT NULL,
                first_seen_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL);
            CREATE UNIQUE INDEX ux_quarantine_open ON quarantine (connector_id, source_key, raw_hash) WHERE status = 'open';
            CREATE INDEX ix_quarantine_connector ON quarantine (connector_id, status, id);

            CREATE TABLE connector_state (
                connector_id TEXT PRIMARY KEY,
                checkpoint TEXT,
                current_run TEXT,
                updated_at BIGINT NOT NULL);

            CREATE TABLE sync_runs (
                run_id TEXT PRIMARY KEY,
                connector_id TEXT NOT NULL,
                trigger_kind TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                finished_at BIGINT,
                heartbeat_at BIGINT NOT NULL,
                acked_through INTEGER NOT NULL,
                pulled BIGINT NOT NULL,
                inserted BIGINT NOT NULL,
                updated BIGINT NOT NULL,
                unchanged BIGINT NOT NULL,
                quarantined BIGINT NOT NULL,
                error TEXT);
            CREATE INDEX ix_sync_runs_connector ON sync_runs (connector_id, started_at);

            CREATE TABLE run_batches (
                run_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                is_last INTEGER NOT NULL,
                checkpoint_after TEXT,
                read_at BIGINT NOT NULL,
                committed_at BIGINT NOT NULL,
                PRIMARY KEY (run_id, sequence));

            CREATE TABLE change_log (
                seq {dialect.AutoIncrementKey},
                event_id TEXT NOT NULL UNIQUE,
                record_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                change_type TEXT NOT NULL,
                occurred_at BIGINT NOT NULL,
                region_code TEXT,
                agency_uscc TEXT,
                category TEXT);

            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                scopes TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT,
                last_used_at BIGINT,
                revoked_at BIGINT);
            """),
        (2, """
            ALTER TABLE source_records ADD COLUMN deleted_at BIGINT;
            ALTER TABLE golden_records ADD COLUMN deleted_at BIGINT;
            ALTER TABLE sync_runs ADD COLUMN deleted BIGINT NOT NULL DEFAULT 0;

            CREATE TABLE connector_registrations (
                id TEXT PRIMARY KEY,
                definition TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL);

            CREATE TABLE connector_switches (
                id TEXT PRIMARY KEY,
                enabled INTEGER NOT NULL,
                updated_at BIGINT NOT NULL);
            """),
        (3, """
            ALTER TABLE golden_records ADD COLUMN field_lineage TEXT;

            CREATE TABLE record_conflicts (
                record_id TEXT NOT NULL,
                field_group TEXT NOT NULL,
                paths TEXT NOT NULL,
                source_values TEXT NOT NULL,
                values_hash TEXT NOT NULL,
                chosen_connector TEXT NOT NULL,
                chosen_source_key TEXT NOT NULL,
                status TEXT NOT NULL,
                detected_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                resolved_at BIGINT,
                PRIMARY KEY (record_id, field_group));
            CREATE INDEX ix_record_conflicts_open ON record_conflicts (status, record_id);
            """),
        (4, """
            CREATE TABLE connector_fields (
                connector_id TEXT PRIMARY KEY,
                fields TEXT NOT NULL,
                last_drift TEXT,
                updated_at BIGINT NOT NULL);
            ALTER TABLE sync_runs ADD COLUMN drift TEXT;
            """),
        (5, """
            CREATE TABLE subscriptions (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                scope TEXT NOT NULL,
                filter TEXT NOT NULL,
                webhook TEXT,
                amqp INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL);

            ALTER TABLE api_keys ADD COLUMN subscription_id TEXT;
            ALTER TABLE api_keys ADD COLUMN department TEXT;
            CREATE INDEX ix_api_keys_subscription ON api_keys (subscription_id);

            CREATE INDEX ix_change_log_occurred ON change_log (occurred_at);
            CREATE TABLE feed_state (
                id INTEGER PRIMARY KEY,
                pruned_through BIGINT NOT NULL,
                pruned_at BIGINT);
            INSERT INTO feed_state (id, pruned_through) VALUES (1, 0);
            """),
        // The audit log of administrative actions (issue 6).
        (6, $"""
            CREATE TABLE audit_log (
                id {dialect.AutoIncrementKey},
                at BIGINT NOT NULL,
                actor_key_id TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                via TEXT NOT NULL,
                detail TEXT);
            CREATE INDEX ix_audit_log_target ON audit_log (target, id);
            """),
        // Operator alerts (issue 6).
        (7, $"""
            CREATE TABLE operator_alerts (
                id {dialect.AutoIncrementKey},
                subject_kind TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                state TEXT NOT NULL,
                previous_state TEXT NOT NULL,
                reason TEXT NOT NULL,
                raised_at BIGINT NOT NULL);
            CREATE INDEX ix_operator_alerts_subject ON operator_alerts (subject_kind, subject_id, id);
            """),
        // Webhook delivery state and log (issue 5).
        (9, $"""
            CREATE TABLE webhook_state (
                subscription_id TEXT PRIMARY KEY,
                cursor_seq BIGINT NOT NULL,
                attempt INTEGER NOT NULL,
                next_attempt_at BIGINT,
                generation BIGINT NOT NULL,
                updated_at BIGINT NOT NULL);

            CREATE TABLE webhook_deliveries (
                id {dialect.AutoIncrementKey},
                subscription_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                attempt INTEGER NOT NULL,
                trigger_kind TEXT NOT NULL,
                attempted_at BIGINT NOT NULL,
                status_code INTEGER,
                latency_ms BIGINT NOT NULL,
                response TEXT,
                error TEXT,
                next_attempt_at BIGINT);
            CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
            CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (subscription_id, event_id);

            CREATE TABLE webhook_redeliveries (
                subscription_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                requested_at BIGINT NOT NULL,
                PRIMARY KEY (subscription_id, seq));
            """),
        // Where each subscription's AMQP publisher stands (issue 5).
        (10, """
            CREATE TABLE amqp_cursors (
                subscription_id TEXT PRIMARY KEY,
                sequence BIGINT NOT NULL,
                updated_at BIGINT NOT NULL);
            """),
        // Where each subscription's pull-feed reader stands, for its lag.
        (11, """
            CREATE TABLE feed_positions (
                subscription_id TEXT PRIMARY KEY,
                seq BIGINT NOT NULL,
                read_at BIGINT NOT NULL);
            """),
        // The trace of the commit that made each change, for the delivery spans (issue 6).
        (12, """
            ALTER TABLE change_log ADD COLUMN trace_parent TEXT;
            """),
        // Reads ordered by (run, sequence) instead of clocks (invariant 10): each run of a connector gets the next number,
        // and every source link remembers the position of the read that wrote it.
        (13, """
            ALTER TABLE connector_state ADD COLUMN run_number BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE sync_runs ADD COLUMN run_number BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE source_records ADD COLUMN read_position BIGINT NOT NULL DEFAULT 0;
            """),
        // Leases (issue 16): one runner per connector and one instance of each background job across the workers; a run
        // keeps the token of its connector's lease, and its batches commit only while that token is current.
        (15, """
            CREATE TABLE leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                token BIGINT NOT NULL,
                acquired_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL);
            ALTER TABLE sync_runs ADD COLUMN lease_token BIGINT;
            ALTER TABLE connector_state ADD COLUMN requested_trigger TEXT;
            """),
        // One cursor table for every subscriber channel (issue 16): the pull reader's position (feed_positions), the
        // webhook's cursor with its failed attempts, next attempt and generation (webhook_state), and the AMQP cursor
        // (amqp_cursors) move into it; the old tables go, so that nothing reads a cursor that no longer moves.
        (25, """
            CREATE TABLE delivery_cursors (
                subscription_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                seq BIGINT NOT NULL,
                attempt INTEGER NOT NULL,
                next_attempt_at BIGINT,
                generation BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (subscription_id, channel));

            INSERT INTO delivery_cursors (subscription_id, channel, seq, attempt, next_attempt_at, generation, updated_at)
            SELECT subscription_id, 'pull', seq, 0, NULL, 0, read_at FROM feed_positions;
            INSERT INTO delivery_cursors (subscription_id, channel, seq, attempt, next_attempt_at, generation, updated_at)
            SELECT subscription_id, 'webhook', cursor_seq, attempt, next_attempt_at, generation, updated_at FROM webhook_state;
            INSERT INTO delivery_cursors (subscription_id, channel, seq, attempt, next_attempt_at, generation, updated_at)
            SELECT subscription_id, 'amqp', sequence, 0, NULL, 0, updated_at FROM amqp_cursors;

            DROP TABLE feed_positions;
            DROP TABLE webhook_state;
            DROP TABLE amqp_cursors;
            """),
        // A version's content is stored once (issue 11): the current version's lives in its golden record, and is
        // written into the version row when a later version supersedes it. PostgreSQL drops the constraint in place;
        // SQLite cannot, so the table is rebuilt with the same rows (a one-time copy of the history).
        (26, dialect.Provider == "postgres"
            ? "ALTER TABLE record_versions ALTER COLUMN content DROP NOT NULL;"
            : """
              CREATE TABLE record_versions_26 (
                  record_id TEXT NOT NULL,
                  version INTEGER NOT NULL,
                  change_kind TEXT NOT NULL,
                  content_hash TEXT NOT NULL,
                  content TEXT,
                  connector_id TEXT NOT NULL,
                  changed_at BIGINT NOT NULL,
                  PRIMARY KEY (record_id, version));
              INSERT INTO record_versions_26 (record_id, version, change_kind, content_hash, content, connector_id, changed_at)
              SELECT record_id, version, change_kind, content_hash, content, connector_id, changed_at FROM record_versions;
              DROP TABLE record_versions;
              ALTER TABLE record_versions_26 RENAME TO record_versions;
              """),
        // What each source link's content was computed from (issue 11): a sync that reads the same input again counts the
        // record unchanged without normalizing it. Links written before have none, and get theirs on their next read.
        (27, "ALTER TABLE source_records ADD COLUMN input_hash TEXT;"),
        .. AssessmentMigrations.All(dialect),
    ];
}
