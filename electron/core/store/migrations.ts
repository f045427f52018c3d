// Schema migrations, applied in order on open; never edit one that has shipped, add the next.

export interface Migration {
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    name: 'initial schema',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      -- Configuration entities (tenants, computers, software, deployments, ...) as validated JSON documents.
      CREATE TABLE entities (
        kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) WITHOUT ROWID;

      -- The change feed: one row per entity, re-numbered on every change; deletions stay as tombstones.
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        UNIQUE (kind, id)
      );

      CREATE TABLE agent_keys (
        computer_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, enrolled_at TEXT NOT NULL, revoked_at TEXT
      ) WITHOUT ROWID;

      CREATE TABLE enrollment_tokens (
        id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL, max_uses INTEGER, uses INTEGER NOT NULL DEFAULT 0, revoked_at TEXT
      ) WITHOUT ROWID;

      CREATE TABLE detections (
        computer_id TEXT NOT NULL, item_kind TEXT NOT NULL, item_id TEXT NOT NULL, value TEXT, detected_at TEXT NOT NULL,
        PRIMARY KEY (computer_id, item_kind, item_id)
      ) WITHOUT ROWID;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY, computer_id TEXT NOT NULL, tenant_id TEXT NOT NULL, status TEXT NOT NULL,
        trigger TEXT NOT NULL, priority TEXT NOT NULL, reason TEXT, created_at TEXT NOT NULL,
        started_at TEXT, ended_at TEXT, deadline TEXT, phase TEXT NOT NULL DEFAULT 'new',
        deployment_ids TEXT, decisions TEXT, idempotency_key TEXT UNIQUE, log_seq INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_created ON sessions (created_at DESC, id DESC);
      CREATE INDEX sessions_by_computer ON sessions (computer_id, created_at DESC);
      CREATE INDEX sessions_by_tenant ON sessions (tenant_id, created_at DESC);
      CREATE INDEX sessions_by_status ON sessions (status, created_at DESC);

      CREATE TABLE actions (
        id TEXT PRIMARY KEY, session_id TEXT NOT NULL, ord INTEGER NOT NULL, deployment_id TEXT,
        item_kind TEXT, item_id TEXT, kind TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
        from_version TEXT, to_version TEXT, started_at TEXT, ended_at TEXT, exit_code INTEGER,
        command_id TEXT, phase TEXT, error TEXT
      ) WITHOUT ROWID;
      CREATE INDEX actions_by_session ON actions (session_id, ord);

      CREATE TABLE session_logs (
        session_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, level TEXT NOT NULL,
        action_id TEXT, text TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    name: 'sessions know their window occurrence and notification choice',
    sql: `
      ALTER TABLE sessions ADD COLUMN window_id TEXT;
      ALTER TABLE sessions ADD COLUMN occurrence_start TEXT;
      ALTER TABLE sessions ADD COLUMN notify TEXT NOT NULL DEFAULT 'failure';
      CREATE INDEX sessions_by_occurrence ON sessions (window_id, occurrence_start) WHERE window_id IS NOT NULL;
    `,
  },
  {
    name: 'scheduler journal of window openings, and a lookup of automated sessions by computer',
    sql: `
      -- Every window opening the scheduler handled, once: served (sessions queued) or missed (the
      -- console was not running, asleep, or its clock jumped past it).
      CREATE TABLE scheduler_openings (
        window_id TEXT NOT NULL, occurrence_start TEXT NOT NULL, occurrence_end TEXT NOT NULL,
        outcome TEXT NOT NULL, cause TEXT NOT NULL, handled_at TEXT NOT NULL,
        PRIMARY KEY (window_id, occurrence_start)
      ) WITHOUT ROWID;
      CREATE INDEX scheduler_openings_by_handled ON scheduler_openings (handled_at DESC);
      CREATE INDEX sessions_automated_by_computer ON sessions (computer_id, occurrence_start) WHERE occurrence_start IS NOT NULL;
      `,
    },
  {
    name: 'team sync: per-field state, outbox, history, leases; sessions shared by teammates',
    sql: `
      -- Per-field state (value, hybrid logical clock, author) of every entity shared with the team.
      CREATE TABLE sync_state (kind TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
      -- Local changes not yet acknowledged by the relay, in the order they were made.
      CREATE TABLE sync_outbox (client_seq INTEGER PRIMARY KEY, op TEXT NOT NULL);
      -- Who changed what: one row per operation that touched an entity (log_seq once the relay has it).
      CREATE TABLE sync_history (
        n INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id TEXT NOT NULL, hlc TEXT NOT NULL, author TEXT,
        fields TEXT NOT NULL, deleted INTEGER NOT NULL, log_seq INTEGER, client_seq INTEGER
      );
      CREATE INDEX sync_history_by_entity ON sync_history (kind, id, hlc);
      CREATE INDEX sync_history_by_time ON sync_history (hlc);
      CREATE UNIQUE INDEX sync_history_by_log ON sync_history (log_seq) WHERE log_seq IS NOT NULL;
      -- Which computers this console may run sessions on (granted by the relay), or who serves them.
      CREATE TABLE sync_leases (computer_id TEXT PRIMARY KEY, status TEXT NOT NULL, holder_console TEXT, holder_name TEXT, updated_at TEXT NOT NULL) WITHOUT ROWID;
      -- A session run by a teammate's console (its summary arrived through the relay); NULL: run here.
      ALTER TABLE sessions ADD COLUMN origin_console TEXT;
    `,
  },
  {
    name: 'reporting: sessions list indexes, notification bookkeeping, mail outbox, digests, compliance states',
    sql: `
      -- Sessions list: every sort and the common filters have an index that yields rows in order.
      CREATE INDEX sessions_by_started ON sessions (COALESCE(started_at, '~'), id);
      CREATE INDEX sessions_by_ended ON sessions (COALESCE(ended_at, '~'), id);
      CREATE INDEX sessions_by_tenant_status ON sessions (tenant_id, status, created_at);
      CREATE INDEX sessions_by_computer_status ON sessions (computer_id, status, created_at);
      CREATE INDEX sessions_by_trigger ON sessions (trigger, status, created_at);
      CREATE INDEX sessions_by_created_status ON sessions (created_at, status);

      -- A finished session is notified once: rules, digests and desktop notices are derived in the
      -- same transaction that sets notified_at. Sessions that ended before this migration count as notified.
      ALTER TABLE sessions ADD COLUMN notified_at TEXT;
      UPDATE sessions SET notified_at = COALESCE(ended_at, created_at) WHERE status IN ('completed', 'failed', 'cancelled', 'skipped', 'incomplete');
      CREATE INDEX sessions_to_notify ON sessions (id) WHERE notified_at IS NULL;

      CREATE TABLE mail_outbox (
        id TEXT PRIMARY KEY, rule_id TEXT, recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, next_attempt_at TEXT,
        give_up_at TEXT NOT NULL, last_error TEXT, sent_at TEXT, sessions INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'queued';
      CREATE INDEX mail_outbox_by_created ON mail_outbox (created_at DESC, id DESC);

      -- Events of scheduled sessions waiting to go out as one digest per rule and window occurrence.
      CREATE TABLE notification_digest_items (
        rule_id TEXT NOT NULL, digest_key TEXT NOT NULL, event_id TEXT NOT NULL, notice TEXT NOT NULL,
        added_at TEXT NOT NULL, deadline TEXT,
        PRIMARY KEY (rule_id, digest_key, event_id)
      ) WITHOUT ROWID;

      -- The last compliance state per computer × deployment, to tell a new issue from a known one.
      CREATE TABLE compliance_states (
        computer_id TEXT NOT NULL, deployment_id TEXT NOT NULL, state TEXT NOT NULL, detail TEXT NOT NULL, changed_at TEXT NOT NULL,
        PRIMARY KEY (computer_id, deployment_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    name: 'sessions list: the trigger filter reads its newest sessions in order',
    sql: `
      -- Filtered by trigger and sorted by creation (the list's default), the first page was sorted
      -- from every matching session (20,000 of 100,000 for "manual": ~65 ms); this index yields them in order.
      CREATE INDEX sessions_by_trigger_created ON sessions (trigger, created_at DESC, id DESC);
    `,
  },
];
