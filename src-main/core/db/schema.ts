// The database schema: the one source of truth for tables. drizzle-kit generates the SQL migrations
// in resources/migrations from this file (`npm run db:generate`); never edit an applied migration.
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

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
