// Pushes integration definitions straight into a PostgreSQL database: one connection, one
// transaction (table, index and every upsert commit together or not at all), parameterized queries.
// Errors name the server without the password, which never appears in any message.
import pg from 'pg'
import type { ErrorCode } from '../../../contract/errors.ts'
import { AppError } from '../../errors.ts'
import { assertExportRows, type ExportRow } from './rows.ts'
import { castOf, columnValues, columns, createTableStatements, upsertStatement } from './table.ts'

export interface PushResult {
  inserted: number
  updated: number
  /** Stored already with the same content and timestamps: not rewritten. */
  unchanged: number
}

export interface PushOptions {
  /** How long to wait for the server to answer the connection; 10 s when not given. */
  connectTimeoutMs?: number
  /** The password, when not in the URL (pg falls back to PGPASSWORD); redacted from every message. */
  password?: string
}

interface Target {
  /** postgres://user@host:port/database — safe to show. */
  label: string
  /** The password as written in the URL and decoded: removed from any message. */
  secrets: string[]
}

const example = 'postgres://user:password@host:5432/database'

function parseTarget(url: string): Target {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new AppError('INVALID_ARGUMENT', `The PostgreSQL URL is not a valid URL; expected ${example}`)
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The PostgreSQL URL must start with postgres:// or postgresql:// (it starts with ${parsed.protocol}//); expected ${example}`,
    )
  }
  const secrets = [parsed.password]
  try {
    secrets.push(decodeURIComponent(parsed.password))
  } catch {
    // Not percent-decodable: pg will refuse it; the raw form is redacted.
  }
  const user = parsed.username ? `${parsed.username}@` : ''
  return {
    label: `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`,
    secrets: secrets.filter(Boolean),
  }
}

function withPassword(url: string, password: string): string {
  const parsed = new URL(url)
  parsed.password = encodeURIComponent(password)
  return parsed.toString()
}

function redact(text: string, target: Target): string {
  return target.secrets.reduce((result, secret) => result.replaceAll(secret, '***'), text)
}

interface ErrorFacts {
  message: string
  /** A Node system error code (ECONNREFUSED) or a PostgreSQL SQLSTATE (28P01). */
  code: string
  detail: string
}

function factsOf(error: unknown): ErrorFacts {
  const record = (error ?? {}) as { message?: unknown; code?: unknown; detail?: unknown; errors?: unknown }
  // Node reports a refused connection to every address of a host name as an AggregateError.
  const inner = Array.isArray(record.errors) ? ((record.errors[0] ?? {}) as { code?: unknown }) : {}
  const code =
    typeof record.code === 'string' ? record.code : typeof inner.code === 'string' ? inner.code : ''
  return {
    message: typeof record.message === 'string' && record.message ? record.message : String(error),
    code,
    detail: typeof record.detail === 'string' ? record.detail.slice(0, 300) : '',
  }
}

const isSqlState = (code: string) => /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('E')

function fail(code: ErrorCode, message: string, target: Target, sqlState: string): AppError {
  return new AppError(code, redact(message, target), isSqlState(sqlState) ? { sqlState } : undefined)
}

function connectError(error: unknown, target: Target, timeoutMs: number): AppError {
  const { message, code } = factsOf(error)
  const where = `Could not connect to PostgreSQL at ${target.label}`
  if (code === 'ECONNREFUSED') {
    return fail(
      'UNAVAILABLE',
      `${where}: the connection was refused (is the server running there?)`,
      target,
      code,
    )
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return fail('UNAVAILABLE', `${where}: the host name does not resolve`, target, code)
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return fail('UNAVAILABLE', `${where}: no answer within ${timeoutMs / 1000} s`, target, code)
  }
  if (code.startsWith('28')) return fail('INVALID_ARGUMENT', `${where}: ${message}`, target, code)
  if (code === '3D000') return fail('INVALID_ARGUMENT', `${where}: ${message}`, target, code)
  if (/password must be a string/i.test(message)) {
    return fail(
      'INVALID_ARGUMENT',
      `${where}: the server asks for a password and the URL has none`,
      target,
      code,
    )
  }
  return fail('UNAVAILABLE', `${where}: ${message}`, target, code)
}

function writeError(error: unknown, target: Target): AppError {
  const { message, code, detail } = factsOf(error)
  const text = `PostgreSQL at ${target.label} refused the definitions, so nothing was written: ${message}${
    detail ? ` (${detail})` : ''
  }`
  if (code === '42501') return fail('FORBIDDEN', text, target, code)
  // Integrity violations (class 23) and a table of another shape (class 42) conflict with what is stored.
  if (code.startsWith('23') || (isSqlState(code) && code.startsWith('42')))
    return fail('CONFLICT', text, target, code)
  return fail(
    'UNAVAILABLE',
    `Writing to PostgreSQL at ${target.label} failed, so nothing was written: ${message}`,
    target,
    code,
  )
}

/**
 * Creates the reference table and its unique index when missing and upserts every row by
 * integration_id (keeping a stored row's id and created_at), all in one transaction.
 */
export async function pushToPostgres(
  url: string,
  rows: readonly ExportRow[],
  options: PushOptions = {},
): Promise<PushResult> {
  const target = parseTarget(url)
  if (options.password) target.secrets.push(options.password)
  assertExportRows(rows)
  const timeoutMs = options.connectTimeoutMs ?? 10_000
  let client: pg.Client
  try {
    client = new pg.Client({
      // pg lets the connection string's (absent) password win over a `password` option.
      connectionString: options.password ? withPassword(url, options.password) : url,
      connectionTimeoutMillis: timeoutMs,
      application_name: 'switchboard',
    })
    // A dropped connection is reported by the pending query; without a listener it would crash the process.
    client.on('error', () => {})
    await client.connect()
  } catch (error) {
    throw connectError(error, target, timeoutMs)
  }
  const upsert = `${upsertStatement(columns.map((column, index) => `$${index + 1}${castOf(column)}`))}\nRETURNING (xmax = 0) AS inserted`
  const result: PushResult = { inserted: 0, updated: 0, unchanged: 0 }
  try {
    await client.query('BEGIN')
    for (const statement of createTableStatements()) await client.query(statement)
    for (const row of rows) {
      const written = await client.query<{ inserted: boolean }>(upsert, columnValues(row))
      const first = written.rows[0]
      if (!first) result.unchanged += 1
      else if (first.inserted) result.inserted += 1
      else result.updated += 1
    }
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw writeError(error, target)
  } finally {
    await client.end().catch(() => {})
  }
}
