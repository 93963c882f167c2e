// The database schema: the one source of truth for tables. drizzle-kit generates the SQL migrations
// in resources/migrations from this file (`npm run db:generate`); never edit an applied migration.
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** Append-only, hash-chained record of what was done (UPDATE and DELETE are refused by triggers). */
export const auditEvents = sqliteTable('audit_events', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
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
    status: text('status', { enum: ['connected', 'disconnected', 'error', 'locked'] }).notNull(),
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
