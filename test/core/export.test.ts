import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  definitionJsonSchema,
  type IntegrationDefinition,
} from '../../src-main/contract/definition-format.ts'
import {
  buildDefinitionBundle,
  columns,
  definitionBundleIssues,
  definitionBundleJsonSchema,
  definitionFromRecord,
  exportBundle,
  exportSql,
  INTEGRATION_ID_INDEX,
  pushToPostgres,
  TABLE,
  type ExportRow,
} from '../../src-main/core/definitions/export/index.ts'
import { AppError } from '../../src-main/core/errors.ts'
import { createAjv } from '../../src-main/core/validation/ajv.ts'
import { postgresUrl, reportPostgresAvailability } from '../support/postgres.ts'

// Text that breaks naive quoting: quotes, backslashes, dollar quoting, comments, psql's :variables,
// newlines, and characters outside ASCII and outside the Basic Multilingual Plane.
const tricky = `It's "quoted" \\ back\\slash \\' E'\\x41' $$ $tag$ -- not a comment; /* nor this */ :name :'v' \n\t Zürich 日本語 🎉 ''`

function definition(
  integrationId: string,
  overrides: Partial<IntegrationDefinition> = {},
): IntegrationDefinition {
  return {
    integrationId,
    name: `Service ${integrationId}`,
    description: 'A service.',
    version: '1.0.0',
    category: 'testing',
    docsUrl: 'https://example.com/docs',
    authType: 'none',
    api: { baseUrl: { production: 'https://api.example.com' } },
    configSchema: { type: 'object', properties: {} },
    secretSchema: { type: 'object', properties: {} },
    methods: [
      {
        id: 'ping',
        name: 'Ping',
        description: 'Checks the service answers.',
        inputSchema: { type: 'object' },
        outputSchema: { type: 'object' },
        http: { method: 'GET', path: '/ping' },
      },
    ],
    ...overrides,
  }
}

/** Every optional field set, and tricky text in TEXT and JSONB columns alike. */
const rich = definition('rich.service', {
  $schema: 'https://switchboard.app/schemas/integration-definition.schema.json',
  name: `Rich "O'Brien" \\ Service`,
  description: tricky,
  version: '2.1.0-beta.1+build.5',
  setupGuideUrl: 'https://example.com/setup?a=1&b=%27',
  icon: 'data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg"/>',
  authType: 'oauth2',
  oauth2Config: {
    authorizationUrl: 'https://example.com/authorize',
    tokenUrl: 'https://example.com/token',
    scopes: ['read', "it's:write"],
    additionalParameters: { prompt: 'consent' },
  },
  api: {
    baseUrl: { production: 'https://{{config.shop}}.example.com', sandbox: 'https://sandbox.example.com' },
  },
  configSchema: { type: 'object', properties: { shop: { type: 'string', description: tricky } } },
  secretSchema: { type: 'object', properties: { clientSecret: { type: 'string' } } },
  methods: [
    {
      id: 'orders.list',
      name: 'List orders',
      description: tricky,
      kind: 'read',
      capability: 'orders.list',
      inputSchema: {
        type: 'object',
        properties: { limit: { type: 'integer', maximum: 1e6, minimum: -0.5 } },
      },
      outputSchema: { type: 'array', items: { type: 'object' } },
      http: {
        method: 'GET',
        path: '/orders',
        query: ['limit'],
        response: `$.orders[status = 'open']`,
        pagination: { style: 'cursor', items: 'orders', cursorParam: 'after', nextCursor: 'next' },
      },
      scopes: ['read'],
    },
  ],
  healthCheck: { method: 'orders.list', input: { limit: 1, nested: [null, true, 'x'] } },
  providesCapabilities: [{ capabilityId: 'orders', operation: 'list', description: tricky }],
  requirements: { capabilities: ['orders'], minVersion: '0.1.0' },
  webhooks: { supported: true, events: ['order.created'], signatureHeader: 'X-Sig', scheme: 'hmac-sha256' },
})

const apiKeyed = definition('apikey-service', {
  authType: 'apikey',
  apiKeyConfig: { in: 'header', name: 'Authorization', prefix: 'Bearer ' },
  secretSchema: { type: 'object', properties: { apiKey: { type: 'string' } } },
})

const custom = definition('custom_service', {
  description: '',
  authType: 'custom',
  customAuth: { scheme: 'headers', headers: { 'X-Token': 'Token {{secret.apiToken}}' } },
})

const ids = [
  '0b9f3c3e-6a51-4f2e-9d43-9a1c2f0e7a11',
  '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
  '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
]

function row(
  index: number,
  def: IntegrationDefinition,
  createdAt = '2026-01-02T03:04:05.678Z',
  updatedAt = createdAt,
) {
  return { id: ids[index] ?? '', createdAt, updatedAt, definition: def } satisfies ExportRow
}

const rows: ExportRow[] = [row(0, rich), row(1, apiKeyed, '2026-03-01T12:00:00+02:00'), row(2, custom)]

/** What a table row gives back: the definition without the file-only $schema. */
function stored(def: IntegrationDefinition): IntegrationDefinition {
  const { $schema: _schema, ...rest } = def
  return rest
}

/** An instant from a TIMESTAMP column read as text, in UTC. */
const instant = (text: string) => new Date(`${text.replace(' ', 'T')}Z`).toISOString()

const iso = (text: string) => new Date(text).toISOString()

/** Every column, with uuid and timestamps as text (drivers would turn TIMESTAMP into a local-time Date). */
const readBack = `SELECT ${columns
  .map((c) => (c.type === 'UUID' || c.type === 'TIMESTAMP' ? `${c.name}::text AS ${c.name}` : c.name))
  .join(', ')} FROM ${TABLE} ORDER BY integration_id`

async function caught(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

describe('export: JSON bundle', () => {
  it('validates against the bundle schema and each definition against the published definition schema', () => {
    const text = exportBundle(rows, { now: new Date('2026-11-21T10:00:00Z') })
    const bundle = JSON.parse(text) as Record<string, unknown>
    expect(bundle).toMatchObject({
      $schema: 'https://switchboard.app/schemas/definition-bundle.schema.json',
      format: 'switchboard.definitions',
      version: 1,
      exportedAt: '2026-11-21T10:00:00.000Z',
    })
    expect(bundle.definitions).toEqual(rows.map((r) => r.definition))
    expect(text.endsWith('}\n')).toBe(true)

    const validateDefinition = createAjv({ useDefaults: false }).compile(definitionJsonSchema())
    for (const def of bundle.definitions as unknown[])
      expect(validateDefinition(def), JSON.stringify(validateDefinition.errors)).toBe(true)
    const validateBundle = createAjv({ useDefaults: false }).compile(definitionBundleJsonSchema())
    expect(validateBundle(bundle), JSON.stringify(validateBundle.errors)).toBe(true)
    expect(definitionBundleIssues(bundle)).toEqual([])
  })

  it('leaves the definitions as they are (no defaults filled in)', () => {
    const bundle = buildDefinitionBundle([rich])
    expect(bundle.definitions[0]).toEqual(rich)
    expect(rich.oauth2Config).not.toHaveProperty('pkce')
  })

  it('refuses an invalid definition or a repeated integration id, naming the path', async () => {
    const broken = { ...apiKeyed, methods: [] }
    const error = await caught(() => buildDefinitionBundle([rich, broken]))
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'The definitions cannot be exported (1 problem).',
      details: { issues: [expect.objectContaining({ path: 'definitions[1].methods' })] },
    })
    expect(
      definitionBundleIssues({
        format: 'switchboard.definitions',
        version: 1,
        exportedAt: 'x',
        definitions: [rich, rich],
      }),
    ).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'exportedAt' })]))
    expect(
      definitionBundleIssues({
        format: 'switchboard.definitions',
        version: 1,
        exportedAt: '2026-01-01T00:00:00Z',
        definitions: [rich, rich],
      }),
    ).toEqual([{ path: 'definitions[1].integrationId', message: 'repeats "rich.service" of definitions[0]' }])
  })
})

describe('export: SQL text in PGlite', () => {
  // One in-process PostgreSQL for these tests; each starts without the table.
  let db: PGlite
  beforeAll(async () => {
    db = await PGlite.create()
  })
  afterAll(() => db.close())
  beforeEach(async () => {
    await db.exec(`DROP TABLE IF EXISTS ${TABLE}`)
  })

  it('creates the table and index, upserts every definition, and a second run changes nothing', async () => {
    const sql = exportSql(rows)
    expect(sql).toMatch(/^BEGIN;$/m)
    expect(sql).toMatch(/^COMMIT;$/m)
    await db.exec(sql)
    const first = await db.query<Record<string, unknown>>(readBack)
    await db.exec(sql)
    const second = await db.query<Record<string, unknown>>(readBack)
    expect(second.rows).toEqual(first.rows)
    expect(second.rows).toHaveLength(3)

    const byId = new Map(second.rows.map((record) => [record.integration_id, record]))
    for (const source of rows) {
      const record = byId.get(source.definition.integrationId) ?? {}
      expect(definitionFromRecord(record)).toEqual(stored(source.definition))
      expect(record.id).toBe(source.id)
      expect(instant(String(record.created_at))).toBe(iso(source.createdAt))
      expect(instant(String(record.updated_at))).toBe(iso(source.updatedAt))
    }
    // The tricky text survives byte for byte, in a TEXT column and inside JSONB.
    const text = await db.query<{ description: string; method: string }>(
      `SELECT description, methods->0->>'description' AS method FROM ${TABLE} WHERE integration_id = 'rich.service'`,
    )
    expect(text.rows[0]).toEqual({ description: tricky, method: tricky })
  })

  it('has exactly the reference columns and a unique index with the agreed name', async () => {
    await db.exec(exportSql(rows))
    const cols = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '${TABLE}'`,
    )
    const shape = Object.fromEntries(cols.rows.map((c) => [c.column_name, `${c.data_type} ${c.is_nullable}`]))
    expect(shape).toMatchObject({
      id: 'uuid NO',
      integration_id: 'text NO',
      name: 'text NO',
      description: 'text YES',
      version: 'text NO',
      methods: 'jsonb NO',
      config_schema: 'jsonb YES',
      auth_type: 'text NO',
      oauth2_config: 'jsonb YES',
      created_at: 'timestamp without time zone NO',
      updated_at: 'timestamp without time zone NO',
      category: 'text YES',
      docs_url: 'text YES',
      setup_guide_url: 'text YES',
      icon: 'text YES',
      secret_schema: 'jsonb YES',
      api_key_config: 'jsonb YES',
      custom_auth: 'jsonb YES',
      api: 'jsonb YES',
      health_check: 'jsonb YES',
      provides_capabilities: 'jsonb YES',
      requirements: 'jsonb YES',
      webhooks: 'jsonb YES',
    })
    expect(Object.keys(shape).sort()).toEqual(columns.map((c) => c.name).sort())
    const index = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = '${TABLE}' AND indexname = '${INTEGRATION_ID_INDEX}'`,
    )
    expect(index.rows[0]?.indexdef).toMatch(
      /^CREATE UNIQUE INDEX integration_definitions_integration_id_idx ON .* \(integration_id\)$/,
    )
    const duplicate = await caught(
      db.query(`INSERT INTO ${TABLE} (id, integration_id, name, version, methods, auth_type, created_at, updated_at)
        VALUES (gen_random_uuid(), 'rich.service', 'x', '1.0.0', '[]', 'none', now(), now())`),
    )
    expect(String(duplicate)).toContain(INTEGRATION_ID_INDEX)
  })

  it('updates a changed definition by integration id, keeping the stored id and created_at', async () => {
    await db.exec(exportSql(rows))
    const changed = { ...apiKeyed, version: '1.1.0', description: 'Now with $$ and \\.' }
    const later = {
      id: ids[3] ?? '',
      createdAt: '2026-06-01T00:00:00Z',
      updatedAt: '2026-06-02T00:00:00Z',
      definition: changed,
    }
    await db.exec(exportSql([later]))
    const result = await db.query<Record<string, unknown>>(`${readBack}`)
    expect(result.rows).toHaveLength(3)
    const record = result.rows.find((r) => r.integration_id === 'apikey-service') ?? {}
    expect(record.id).toBe(ids[1])
    expect(instant(String(record.created_at))).toBe(iso('2026-03-01T12:00:00+02:00'))
    expect(instant(String(record.updated_at))).toBe('2026-06-02T00:00:00.000Z')
    expect(definitionFromRecord(record)).toEqual(changed)
  })

  it('adds the format’s extra columns to an existing reference table', async () => {
    await db.exec(`CREATE TABLE ${TABLE} (
      id UUID PRIMARY KEY, integration_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT, version TEXT NOT NULL,
      methods JSONB NOT NULL, config_schema JSONB, auth_type TEXT NOT NULL, oauth2_config JSONB,
      created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`)
    await db.exec(exportSql(rows))
    const result = await db.query<Record<string, unknown>>(readBack)
    expect(result.rows.map((record) => definitionFromRecord(record))).toEqual(
      [rich, apiKeyed, custom].map(stored).sort((a, b) => a.integrationId.localeCompare(b.integrationId)),
    )
  })

  it('refuses rows PostgreSQL could not store, before writing anything', async () => {
    const nul = row(3, definition('nul', { description: 'a\u0000b' }))
    const error = await caught(() => exportSql([nul]))
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { issues: [expect.objectContaining({ path: '[0].definition.description' })] },
    })
    const badId = { ...row(0, rich), id: 'urn:uuid:0b9f3c3e-6a51-4f2e-9d43-9a1c2f0e7a11' }
    expect(await caught(() => exportSql([badId]))).toMatchObject({ code: 'INVALID_ARGUMENT' })
    const twice = [row(0, rich), row(1, rich)]
    expect(await caught(() => exportSql(twice))).toMatchObject({
      details: {
        issues: [{ path: '[1].definition.integrationId', message: 'repeats "rich.service" of [0]' }],
      },
    })
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

describe('export: pushToPostgres errors that need no server', () => {
  it('refuses a URL that is not a PostgreSQL URL, without echoing the password', async () => {
    for (const url of [
      'not a url pw-Secret-1',
      'mysql://user:pw-Secret-1@localhost/db',
      'postgres://user:pw-Secret-1@[bad/db',
    ]) {
      const error = await caught(pushToPostgres(url, rows))
      expect(error).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect(JSON.stringify((error as AppError).toBody())).not.toContain('pw-Secret-1')
    }
  })

  it('reports a refused connection clearly, without the password', async () => {
    const port = await freePort()
    const error = await caught(pushToPostgres(`postgres://switchboard:pw-Secret-2@127.0.0.1:${port}/x`, rows))
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      message: `Could not connect to PostgreSQL at postgres://switchboard@127.0.0.1:${port}/x: the connection was refused (is the server running there?)`,
    })
    expect(JSON.stringify((error as AppError).toBody())).not.toContain('pw-Secret-2')
  })

  it('gives up on a server that never answers', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = silent.address() as AddressInfo
      const error = await caught(
        pushToPostgres(`postgres://u:pw-Secret-3@127.0.0.1:${port}/x`, rows, { connectTimeoutMs: 200 }),
      )
      expect(error).toMatchObject({
        code: 'UNAVAILABLE',
        message: `Could not connect to PostgreSQL at postgres://u@127.0.0.1:${port}/x: no answer within 0.2 s`,
      })
    } finally {
      sockets.forEach((socket) => socket.destroy())
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  it('refuses invalid rows before connecting', async () => {
    const port = await freePort()
    const error = await caught(
      pushToPostgres(`postgres://u:p@127.0.0.1:${port}/x`, [{ ...row(0, rich), createdAt: 'yesterday' }]),
    )
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { issues: [expect.objectContaining({ path: '[0].createdAt' })] },
    })
  })
})

reportPostgresAvailability('export.test')

describe.skipIf(!postgresUrl)('export: pushToPostgres against a real PostgreSQL server', () => {
  // Each run writes into its own schema, chosen through the URL's `options` (search_path).
  const schema = `export_test_${process.pid}_${Date.now()}`
  const base = new URL(postgresUrl ?? 'postgres://unset')
  // Spelled out: URLSearchParams would write the space as "+", which libpq does not decode.
  const target = `${base.toString()}${base.search ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  let admin: pg.Client

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: base.toString() })
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
  })
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  })
  beforeEach(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${schema}.${TABLE}`)
  })

  const snapshot = async () =>
    (await admin.query<Record<string, unknown>>(readBack.replace(`FROM ${TABLE}`, `FROM ${schema}.${TABLE}`)))
      .rows

  it('inserts, then updates a changed definition keeping id and created_at, then changes nothing', async () => {
    expect(await pushToPostgres(target, rows)).toEqual({ inserted: 3, updated: 0, unchanged: 0 })
    const first = await snapshot()
    expect(first.map((record) => definitionFromRecord(record))).toEqual(
      [rich, apiKeyed, custom].map(stored).sort((a, b) => a.integrationId.localeCompare(b.integrationId)),
    )
    const index = await admin.query(
      `SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2 AND indexdef LIKE 'CREATE UNIQUE INDEX%'`,
      [schema, INTEGRATION_ID_INDEX],
    )
    expect(index.rowCount).toBe(1)

    const changed = { ...rich, description: `${tricky} (v2)`, version: '2.2.0' }
    const later = {
      id: ids[3] ?? '',
      createdAt: '2030-01-01T00:00:00Z',
      updatedAt: '2026-12-24T18:00:00Z',
      definition: changed,
    }
    expect(await pushToPostgres(target, [later, rows[1] as ExportRow])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    })
    const second = await snapshot()
    const before = first.find((r) => r.integration_id === 'rich.service') ?? {}
    const after = second.find((r) => r.integration_id === 'rich.service') ?? {}
    expect(after.id).toBe(before.id)
    expect(after.created_at).toBe(before.created_at)
    expect(instant(String(after.updated_at))).toBe('2026-12-24T18:00:00.000Z')
    expect(definitionFromRecord(after)).toEqual(stored(changed))
    expect(second.filter((r) => r.integration_id !== 'rich.service')).toEqual(
      first.filter((r) => r.integration_id !== 'rich.service'),
    )
  })

  it('writes nothing when one row fails inside the transaction', async () => {
    await pushToPostgres(target, rows)
    const before = await snapshot()
    const fresh = row(3, definition('fresh'))
    const update = {
      ...(rows[1] as ExportRow),
      updatedAt: '2027-01-01T00:00:00Z',
      definition: { ...apiKeyed, version: '9.0.0' },
    }
    // A new integration reusing a stored row's id: the primary key refuses it, after two good upserts.
    const clash = { ...row(0, definition('clash')), id: ids[2] ?? '' }
    const error = await caught(pushToPostgres(target, [fresh, update, clash]))
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('nothing was written: duplicate key value violates unique constraint'),
      details: { sqlState: '23505' },
    })
    expect(await snapshot()).toEqual(before)
  })

  it('rolls back its DDL too when a push fails', async () => {
    // An existing reference table with a rule the rows cannot know about: names must be short.
    await admin.query(`CREATE TABLE ${schema}.${TABLE} (id UUID PRIMARY KEY, integration_id TEXT NOT NULL, name TEXT NOT NULL,
      description TEXT, version TEXT NOT NULL, methods JSONB NOT NULL, config_schema JSONB, auth_type TEXT NOT NULL,
      oauth2_config JSONB, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
      CONSTRAINT short_names CHECK (length(name) < 20))`)
    const error = await caught(pushToPostgres(target, rows))
    expect(error).toMatchObject({ code: 'CONFLICT', details: { sqlState: '23514' } })
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.${TABLE}`)).rows).toEqual([{ n: 0 }])
    const added = await admin.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
      [schema, TABLE],
    )
    expect(added.rowCount).toBe(11)
    const index = await admin.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`, [
      schema,
      INTEGRATION_ID_INDEX,
    ])
    expect(index.rowCount).toBe(0)
  })

  it('reports a wrong password clearly, without the password', async () => {
    const wrong = new URL(target)
    wrong.password = 'Wrong-Passw0rd-Text'
    const error = await caught(pushToPostgres(wrong.toString(), rows))
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('password authentication failed'),
    })
    expect((error as AppError).message).toContain(`${base.protocol}//${base.username}@${base.host}`)
    expect(JSON.stringify((error as AppError).toBody())).not.toContain('Wrong-Passw0rd-Text')
    expect(JSON.stringify((error as AppError).toBody())).not.toContain(`:${base.password}@`)
  })

  it('reports a missing database clearly', async () => {
    const missing = new URL(target)
    missing.pathname = '/no_such_database_here'
    expect(await caught(pushToPostgres(missing.toString(), rows))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('database "no_such_database_here" does not exist'),
    })
  })

  it('the SQL text runs twice through psql with the same result as a push', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-export-'))
    try {
      const file = join(dir, 'definitions.sql')
      writeFileSync(file, exportSql(rows))
      for (let run = 0; run < 2; run += 1) {
        const psql = spawnSync('psql', [target, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file], {
          encoding: 'utf8',
        })
        expect(psql.stderr).toBe('')
        expect(psql.status).toBe(0)
      }
      const fromSql = await snapshot()
      await admin.query(`DROP TABLE ${schema}.${TABLE}`)
      await pushToPostgres(target, rows)
      expect(await snapshot()).toEqual(fromSql)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
