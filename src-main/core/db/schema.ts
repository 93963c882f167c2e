// The database schema: the one source of truth for tables. drizzle-kit generates the SQL migrations
// in resources/migrations from this file (`npm run db:generate`); never edit an applied migration.
import { sql } from 'drizzle-orm'
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** Append-only, hash-chained record of what was done (UPDATE and DELETE are refused by triggers). */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
    /** Which host acted: app, cli, mcp, scheduler, browser (the loopback bridge). */
    host: text('host').notNull().default('app'),
    /**
     * 1: the hash is HMAC-SHA-256 with the vault's audit key, so nobody without the vault can forge it;
     * 0: plain SHA-256, written while the vault was locked (sealed by the next keyed event).
     */
    keyed: integer('keyed', { mode: 'boolean' }).notNull().default(false),
    /** How the hash was computed: 1 the first, unkeyed format (no host); 2 the current one. */
    format: integer('format').notNull().default(1),
    /** The client and connection the event concerns, for filtering (hashed like the rest). */
    clientId: text('client_id'),
    connectionId: text('connection_id'),
  },
  (table) => [
    index('audit_events_client_idx').on(table.clientId),
    index('audit_events_connection_idx').on(table.connectionId),
  ],
)

/**
 * Leases: one row per job that must run in one process at a time across every host on this data
 * folder (a token refresh, a scheduled check, a backup). Taken with BEGIN IMMEDIATE; expires on its own
 * so a crashed holder never blocks the others for longer than its time to live.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  /** Milliseconds since the epoch after which anyone may take the lease. */
  expiresAt: integer('expires_at').notNull(),
  acquiredAt: text('acquired_at').notNull(),
})

/** Small settings of the data folder that every host shares (e.g. how many backups to keep). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull(),
})

const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>()

/**
 * The current version of each integration definition: the reference design's columns (id UUID,
 * integration_id unique, name, description, version, methods, config_schema, auth_type, oauth2_config,
 * created_at, updated_at) plus the format's other fields, and what start-up needs to skip work.
 */
export const integrationDefinitions = sqliteTable(
  'integration_definitions',
  {
    id: text('id').primaryKey(),
    integrationId: text('integration_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    version: text('version').notNull(),
    methods: json<unknown[]>('methods').notNull(),
    configSchema: json<object>('config_schema').notNull(),
    authType: text('auth_type').notNull(),
    oauth2Config: json<object>('oauth2_config'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    category: text('category').notNull(),
    docsUrl: text('docs_url').notNull(),
    setupGuideUrl: text('setup_guide_url'),
    icon: text('icon'),
    secretSchema: json<object>('secret_schema').notNull(),
    apiKeyConfig: json<object>('api_key_config'),
    customAuth: json<object>('custom_auth'),
    api: json<object>('api').notNull(),
    healthCheck: json<object>('health_check'),
    providesCapabilities: json<unknown[]>('provides_capabilities'),
    requirements: json<object>('requirements'),
    webhooks: json<object>('webhooks'),
    /** What the catalog and search need, so a warm start reads this small column only. */
    summary: text('summary').notNull(),
    contentHash: text('content_hash').notNull(),
    source: text('source', { enum: ['bundled', 'imported', 'openapi'] }).notNull(),
    sourceName: text('source_name').notNull(),
  },
  (table) => [uniqueIndex('integration_definitions_integration_id_idx').on(table.integrationId)],
)

/** Every version ever stored, kept for rollback and for connections pinned to an older version. */
export const definitionVersions = sqliteTable(
  'definition_versions',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    integrationId: text('integration_id')
      .notNull()
      .references(() => integrationDefinitions.integrationId, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    document: text('document').notNull(),
    contentHash: text('content_hash').notNull(),
    source: text('source', { enum: ['bundled', 'imported', 'openapi'] }).notNull(),
    sourceName: text('source_name').notNull(),
    storedAt: text('stored_at').notNull(),
  },
  (table) => [
    uniqueIndex('definition_versions_integration_version_idx').on(table.integrationId, table.version),
  ],
)

/** Bundled files seen at the last start: unchanged size and mtime mean no read, no hash, no parse. */
export const bundledFiles = sqliteTable('bundled_files', {
  file: text('file').primaryKey(),
  size: integer('size').notNull(),
  mtimeMs: integer('mtime_ms').notNull(),
  contentHash: text('content_hash').notNull(),
  integrationId: text('integration_id'),
  /** Why the file was rejected (null when it loaded), so a warm start still reports it. */
  issues: json<{ path: string; message: string }[]>('issues'),
})

/** The consultant's clients (tenants). Each has its own data key in client_keys. */
export const clients = sqliteTable('clients', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  notes: text('notes').notNull().default(''),
  colour: text('colour').notNull(),
  createdAt: text('created_at').notNull(),
})

/** One integration in one environment for one client (the reference IntegrationConnection). */
export const connections = sqliteTable(
  'connections',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    integrationId: text('integration_id').notNull(),
    definitionVersion: text('definition_version').notNull(),
    environment: text('environment', { enum: ['sandbox', 'production'] }).notNull(),
    config: json<Record<string, unknown>>('config').notNull(),
    secretRef: text('secret_ref').notNull(),
    /** The credentials' state (auth): set, missing, refused (sign-in needed) or undecryptable. */
    status: text('status', { enum: ['connected', 'disconnected', 'error', 'locked'] }).notNull(),
    /** The health state, apart from auth: green only after a check or call succeeded with the current credentials. */
    healthState: text('health_state', { enum: ['untested', 'healthy', 'failing'] })
      .notNull()
      .default('untested'),
    lastHealthCheck: text('last_health_check'),
    lastHealthCheckStatus: text('last_health_check_status', { enum: ['success', 'failure'] }),
    lastErrorMessage: text('last_error_message'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    createdBy: text('created_by').notNull(),
    label: text('label').notNull().default(''),
    notes: text('notes').notNull().default(''),
  },
  (table) => [index('connections_client_idx').on(table.clientId)],
)

/**
 * Ways to recover the vault's master key that live in the database (the passphrase slot). The OS
 * keyring slot lives outside it, in the app's electron-store, so a copied database alone opens nothing.
 */
export const vaultKeySlots = sqliteTable('vault_key_slots', {
  kind: text('kind', { enum: ['passphrase'] }).primaryKey(),
  sealed: blob('sealed', { mode: 'buffer' }).notNull(),
  kdf: json<{ name: 'scrypt'; salt: string; N: number; r: number; p: number }>('kdf').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/** Each client's data key, sealed by the master key. Deleting the row shreds the client's secrets. */
export const clientKeys = sqliteTable('client_keys', {
  clientId: text('client_id')
    .primaryKey()
    .references(() => clients.id),
  sealed: blob('sealed', { mode: 'buffer' }).notNull(),
  keyVersion: integer('key_version').notNull(),
  createdAt: text('created_at').notNull(),
})

/** One sealed secret field of a connection; rotation replaces the row under a new version. */
export const connectionSecrets = sqliteTable(
  'connection_secrets',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    version: integer('version').notNull(),
    sealed: blob('sealed', { mode: 'buffer' }).notNull(),
    /** A masked hint for people ("sk_live_…4242"); never enough to use. */
    hint: text('hint').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.field] })],
)

/**
 * The consultant's own OAuth app at a provider: one per integration, optionally overridden for one
 * connection. The client secret (absent for public clients, which use PKCE alone) is sealed by the
 * vault's master key: it belongs to the consultant, not to one of their clients.
 */
export const oauthApps = sqliteTable(
  'oauth_apps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    integrationId: text('integration_id').notNull(),
    /** Null for the integration's default app; set for a connection's own app. */
    connectionId: text('connection_id').references(() => connections.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    clientSecretSealed: blob('client_secret_sealed', { mode: 'buffer' }),
    /** A masked hint of the client secret for people; never enough to use. */
    clientSecretHint: text('client_secret_hint'),
    /**
     * The redirect URI registered at a provider that refuses loopback redirects: sign-in then ends with
     * the person pasting the final URL from the browser. Null means the loopback listener is used.
     */
    redirectUri: text('redirect_uri'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('oauth_apps_integration_default_idx')
      .on(table.integrationId)
      .where(sql`${table.connectionId} IS NULL`),
    uniqueIndex('oauth_apps_connection_idx').on(table.connectionId),
  ],
)

/**
 * A connection's OAuth tokens: the token set (access, refresh and ID token, type, expiry) sealed by
 * its client's data key, next to what is not secret and is needed without unsealing (scopes, expiry,
 * account, whether the provider refused the refresh token). Refreshing replaces the row under a new
 * version; deleting the connection deletes it.
 */
export const oauthTokens = sqliteTable('oauth_tokens', {
  connectionId: text('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  sealed: blob('sealed', { mode: 'buffer' }).notNull(),
  grantType: text('grant_type', { enum: ['authorization_code', 'client_credentials'] }).notNull(),
  tokenType: text('token_type').notNull(),
  requestedScopes: json<string[]>('requested_scopes').notNull(),
  grantedScopes: json<string[]>('granted_scopes').notNull(),
  /** When the access token expires; null when the provider did not say. */
  expiresAt: text('expires_at'),
  /** When the current access token was issued (with expiresAt, its lifetime). */
  obtainedAt: text('obtained_at').notNull(),
  hasRefreshToken: integer('has_refresh_token', { mode: 'boolean' }).notNull(),
  /** Who signed in (e-mail, user name or subject of the ID token), when the provider said. */
  account: text('account'),
  signedInAt: text('signed_in_at').notNull(),
  /** Set when the provider refused the refresh token (invalid_grant): only a new sign-in helps. */
  signInNeededAt: text('sign_in_needed_at'),
  updatedAt: text('updated_at').notNull(),
})

/**
 * One method call through the runtime: what, when, how it went, by which transport, sizes, and the
 * input (secret fields redacted) and request (credentials masked) for re-running. Kept to the newest
 * `callHistoryRetention` rows per connection; deleting the connection deletes its history.
 */
export const callHistory = sqliteTable(
  'call_history',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    callId: text('call_id').notNull().unique(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    integrationId: text('integration_id').notNull(),
    definitionVersion: text('definition_version').notNull(),
    methodId: text('method_id').notNull(),
    transport: text('transport').notNull(),
    mock: integer('mock', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: ['success', 'output-mismatch', 'failed', 'cancelled'] }).notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    httpStatus: integer('http_status'),
    startedAt: text('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    attempts: integer('attempts').notNull(),
    requestBytes: integer('request_bytes').notNull(),
    responseBytes: integer('response_bytes').notNull(),
    input: json<unknown>('input'),
    request: json<unknown>('request'),
  },
  (table) => [index('call_history_connection_idx').on(table.connectionId, table.seq)],
)

/** A connection's inbound webhook settings: receiver port, where to forward, which types, retries. */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  connectionId: text('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  port: integer('port'),
  targetUrl: text('target_url'),
  /** Null: every type is accepted unless ignored. */
  acceptTypes: json<string[]>('accept_types'),
  ignoreTypes: json<string[]>('ignore_types').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/**
 * Every request a receiver got, raw, with its signature verdict and the policy's decision. The
 * provider's event id is unique per connection: a redelivery is counted, never stored twice.
 */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    receivedAt: text('received_at').notNull(),
    providerEventId: text('provider_event_id'),
    eventType: text('event_type'),
    method: text('method').notNull(),
    path: text('path').notNull(),
    headers: json<Record<string, string | string[]>>('headers').notNull(),
    body: blob('body', { mode: 'buffer' }).notNull(),
    verdict: text('verdict', { enum: ['valid', 'invalid'] }).notNull(),
    verdictReason: text('verdict_reason'),
    verdictMessage: text('verdict_message'),
    decision: text('decision', { enum: ['accepted', 'ignored', 'rejected'] }).notNull(),
    duplicates: integer('duplicates').notNull().default(0),
  },
  (table) => [
    uniqueIndex('webhook_events_provider_id_idx').on(table.connectionId, table.providerEventId),
    index('webhook_events_connection_idx').on(table.connectionId, table.id),
  ],
)

/**
 * The dispatch outbox: one row per accepted event, written in the ingest's own transaction, so an
 * acknowledged event is never lost. A process claims due rows for a while before sending them.
 */
export const webhookOutbox = sqliteTable(
  'webhook_outbox',
  {
    eventId: integer('event_id')
      .primaryKey()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id').notNull(),
    state: text('state', { enum: ['pending', 'delivered', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Milliseconds since the epoch. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimedUntil: integer('claimed_until'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('webhook_outbox_due_idx').on(table.state, table.nextAttemptAt)],
)

/**
 * One health check of a connection: when, how long, the outcome and each part's findings. The newest
 * rows per connection are kept (healthRetention); a transition to failing or back is marked on the row
 * that made it, so alerts are raised once per transition.
 */
export const healthChecks = sqliteTable(
  'health_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    startedAt: text('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    outcome: text('outcome', { enum: ['pass', 'warn', 'fail', 'locked'] }).notNull(),
    message: text('message'),
    latencyMs: integer('latency_ms'),
    trigger: text('trigger', { enum: ['scheduled', 'manual', 'cli'] }).notNull(),
    transition: text('transition', { enum: ['failed', 'recovered'] }),
    consecutiveFailures: integer('consecutive_failures').notNull(),
    checks: json<unknown[]>('checks').notNull(),
  },
  (table) => [
    index('health_checks_connection_idx').on(table.connectionId, table.id),
    index('health_checks_transition_idx').on(table.transition, table.id),
  ],
)
