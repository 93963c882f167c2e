// Definitions at scale (issue 3): 1,000 generated definitions × 50 methods.
//   cold: first start on a new data folder — read, validate, store and index them all; as a ratio to
//         the floor of that work measured in the same run: reading, parsing and inserting the same
//         files into SQLite in one transaction (target ≤ 2×)
//   warm: start again on that folder — nothing changed, summaries read from SQLite (≤ 150 ms)
//   lookup: a method by integrationId and methodId (≤ 1 µs)
//   search: one keystroke's query over the 1,000 (≤ 16 ms)
//   GitHub: import GitHub's official OpenAPI description, every operation a method (≤ 3 s)
import Database from 'better-sqlite3'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchCase } from '../case.ts'
import { createCore, type Core } from '../../src-main/core/index.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'
import { makeDefinition } from '../../test/support/definitions.ts'

const definitionCount = 1000
const methodsEach = 50

const definitionsDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-defs-'))
for (let i = 0; i < definitionCount; i++) {
  const id = `svc-${String(i).padStart(4, '0')}`
  const definition = makeDefinition(
    id,
    { name: `Service ${i} ${['Books', 'Pay', 'Mail', 'Chat'][i % 4]}`, category: `cat-${i % 12}` },
    methodsEach,
  )
  // Vary the schemas so nothing is shared by accident between definitions.
  definition.methods.forEach((method, m) => {
    method.inputSchema = { ...method.inputSchema, description: `input ${i}/${m}` }
  })
  writeFileSync(join(definitionsDir, `${id}.json`), JSON.stringify(definition))
}

const host = (dataDir: string) => ({
  dataDir,
  definitionsDir,
  appVersion: 'bench',
  hostKind: 'cli' as const,
  keyProtector: passphraseProtector({}),
  openUrl: async () => {},
})

let dataDir = ''
let core: Core | undefined
const fresh = () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'))
}
const close = () => {
  core?.close()
  core = undefined
}
const remove = () => {
  close()
  rmSync(dataDir, { recursive: true, force: true })
}
const warmCore = () => {
  fresh()
  createCore(host(dataDir)).close()
  core = createCore(host(dataDir))
}

const queries = ['b', 'bo', 'boo', 'book', 'books', 'get item', 'kind 4', 'cat-7', 'zzz']
let q = 0

const require = createRequire(import.meta.url)
const githubPath = require.resolve('@octokit/openapi/generated/api.github.com.json')
let github = ''

const coldFloor = `definitions: floor of a cold load, ${definitionCount} files read, parsed and inserted in one transaction`

/** The least a cold load must do: read each file, parse it, insert it, one durable commit. */
function coldLoadFloor(): void {
  const db = new Database(join(dataDir, 'floor.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(
    'CREATE TABLE definitions (integration_id TEXT PRIMARY KEY, name TEXT NOT NULL, document TEXT NOT NULL)',
  )
  const insert = db.prepare('INSERT INTO definitions VALUES (?, ?, ?)')
  db.transaction(() => {
    for (const file of readdirSync(definitionsDir)) {
      const text = readFileSync(join(definitionsDir, file), 'utf8')
      const definition = JSON.parse(text) as { integrationId: string; name: string }
      insert.run(definition.integrationId, definition.name, text)
    }
  })()
  db.close()
}

export const cases: BenchCase[] = [
  {
    name: coldFloor,
    iterations: 5,
    timeMs: 0,
    beforeEach: fresh,
    fn: coldLoadFloor,
    afterEach: remove,
  },
  {
    name: `definitions: cold load ${definitionCount} × ${methodsEach} methods`,
    baseline: coldFloor,
    targetRatio: 2,
    iterations: 5,
    timeMs: 0,
    beforeEach: fresh,
    fn: () => {
      core = createCore(host(dataDir))
    },
    afterEach: remove,
  },
  {
    name: `definitions: warm start with ${definitionCount}`,
    targetMs: 150,
    iterations: 10,
    timeMs: 0,
    beforeAll: () => {
      fresh()
      createCore(host(dataDir)).close()
    },
    fn: () => createCore(host(dataDir)).close(),
    afterAll: remove,
  },
  {
    name: 'definitions: method lookup (cached)',
    targetMs: 0.001,
    beforeAll: () => {
      warmCore()
      core?.definitions.getMethod('svc-0500', '1.0.0', 'items.get25')
    },
    fn: () => core?.definitions.getMethod('svc-0500', '1.0.0', 'items.get25'),
    afterAll: remove,
  },
  {
    name: `definitions: search keystroke over ${definitionCount}`,
    targetMs: 16,
    beforeAll: warmCore,
    fn: () => core?.definitions.search(queries[q++ % queries.length] ?? ''),
    afterAll: remove,
  },
  {
    name: 'definitions: import GitHub OpenAPI (every operation)',
    targetMs: 3000,
    iterations: 3,
    timeMs: 0,
    beforeAll: () => {
      github = readFileSync(githubPath, 'utf8')
    },
    beforeEach: () => {
      fresh()
      core = createCore({ ...host(dataDir), definitionsDir: join(dataDir, 'none') })
    },
    fn: async () => {
      const report = await core?.definitions.importFiles([{ name: 'api.github.com.json', content: github }])
      if (report?.files[0]?.status !== 'imported')
        throw new Error(JSON.stringify(report?.files[0]?.issues.slice(0, 3)))
    },
    afterEach: remove,
  },
]

process.on('exit', () => rmSync(definitionsDir, { recursive: true, force: true }))
