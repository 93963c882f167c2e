// The database schema: the one source of truth for tables. drizzle-kit generates the SQL migrations
// in resources/migrations from this file (`npm run db:generate`); never edit an applied migration.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

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
