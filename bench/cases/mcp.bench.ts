// The MCP server (issue 14). Targets:
//   tools/list with 500 tools ≤ 50 ms (10 connections × 50 methods, SDK Client ↔ Server in memory);
//   a tool call's overhead over a direct runtime invoke of the same method against a loopback
//     provider ≤ 1.2× at the median (the MCP path adds the protocol round trip and the audit row);
//   the server's start-up until it answers `initialize`, as a whole process (the built bundle, stdio),
//     ≤ 5× a bare `node -e 0`.
// Also reported: mcp.preview building the 500-tool list from the data folder (what a refresh costs).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js'
import type { BenchCase } from '../case.ts'
import { createCore, type Core } from '../../src-main/core/index.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'
import { createAppRequests } from '../../src-main/mcp/app-requests.ts'
import { createSessionServer } from '../../src-main/mcp/server.ts'
import { createToolSource, type ToolSource } from '../../src-main/mcp/tool-source.ts'
import { makeDefinition } from '../../test/support/definitions.ts'
import { json, startProvider, type Provider } from '../../test/support/provider.ts'

const root = resolve(import.meta.dirname, '../..')
const cli = join(root, 'out', 'cli', 'switchboard.js')
const passphrase = 'bench passphrase 42'
const connectionCount = 10
const methodsEach = 50

let dataDir = ''
let core: Core | undefined
let source: ToolSource | undefined
let client: Client | undefined
let provider: Provider | undefined
let connectionId = ''

async function setUp(): Promise<void> {
  if (core) return
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-mcp-'))
  provider = await startProvider()
  provider.route('GET', '/kind0/items/a1', json(200, { id: 'a1', value: 3 }))
  core = createCore({
    dataDir,
    appVersion: 'bench',
    hostKind: 'mcp',
    keyProtector: passphraseProtector({}),
    openUrl: async () => {},
  })
  await core.vault.setup(passphrase)
  core.clients.create({ name: 'Acme' })
  const definitions = Array.from({ length: connectionCount }, (_, i) =>
    makeDefinition(`svc${i}`, { api: { baseUrl: { production: provider!.url } } }, methodsEach),
  )
  await core.definitions.importFiles(
    definitions.map((d) => ({ name: `${d.integrationId}.json`, content: JSON.stringify(d) })),
  )
  for (const d of definitions) {
    const id = core.connections.create({
      clientId: 'acme',
      integrationId: d.integrationId,
      environment: 'production',
      secrets: { apiKey: 'sk_bench_0000000000' },
    }).id
    connectionId ||= id
  }
  await core.connectorsLoaded
  const selection = { clientId: 'acme' }
  source = createToolSource(core, selection, { pollMs: 60_000 })
  // As `switchboard mcp` serves it: the app requests (vault check, production confirmations) included.
  const requests = createAppRequests(core, { dataDir, env: {}, clientName: 'Acme', stderr: () => {} })
  const server = createSessionServer(core, selection, source, requests)
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  await server.connect(serverSide)
  client = new Client({ name: 'bench', version: '1' })
  await client.connect(clientSide)
  // Warm both paths (JIT, the provider's keep-alive sockets) so neither case pays it for the other.
  for (let i = 0; i < 30; i++) {
    await core.runtime.invoke(connectionId, 'items.get0', { itemId: 'a1' })
    await client.callTool({ name: 'svc0_prod_items_get0', arguments: { itemId: 'a1' } })
  }
  const { tools } = await client.listTools()
  if (tools.length !== connectionCount * methodsEach)
    throw new Error(`expected 500 tools, got ${tools.length}`)
}

async function tearDown(): Promise<void> {
  await client?.close()
  source?.close()
  core?.close()
  await provider?.close()
  rmSync(dataDir, { recursive: true, force: true })
  client = undefined
  source = undefined
  core = undefined
  provider = undefined
}

const invokeBaseline = 'mcp: direct runtime invoke, loopback (baseline)'
const nodeBaseline = 'mcp: node -e 0 (baseline)'
let startDir = ''

/** A warm data folder for start-up: migrated, one client with a signed-in Stripe connection, so the
 * server starts with its tools (tinybench may run the hooks around its warm-up too: made again when
 * an afterAll removed it). */
function prepareStartDir(): void {
  if (startDir && existsSync(startDir)) return
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`)
  startDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-mcp-start-'))
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, SWITCHBOARD_PASSPHRASE: passphrase }
  for (const [args, input] of [
    [['clients', 'add', 'Acme'], ''],
    [
      [
        'connections',
        'create',
        '--integration',
        'stripe',
        '--client',
        'acme',
        '--env',
        'sandbox',
        '--secret-stdin',
      ],
      JSON.stringify({ apiKey: 'sk_test_bench0000000000000000' }),
    ],
  ] as const) {
    const run = spawnSync(process.execPath, [cli, '--data-dir', startDir, ...args], { env, input })
    if (run.status !== 0) throw new Error(run.stderr.toString())
  }
}

function initializeOnce(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, '--data-dir', startDir, 'mcp', '--client', 'acme'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', fail)
    child.on('exit', (code) => {
      if (!out.includes('"id":1'))
        fail(new Error(`switchboard mcp exited (${code}) before answering: ${err}`))
    })
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('"id":1')) {
        child.kill('SIGTERM')
        done()
      }
    })
    child.stdin.write(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'bench', version: '1' },
        },
      }) + '\n',
    )
  })
}

export const cases: BenchCase[] = [
  {
    name: `mcp: tools/list, ${connectionCount * methodsEach} tools (in memory)`,
    targetMs: 50,
    iterations: 30,
    beforeAll: setUp,
    fn: async () => {
      // The request itself: the SDK Client's listTools() also compiles a validator for every
      // outputSchema on each call (its own cost, reported beside this one).
      await client!.request({ method: 'tools/list' }, ListToolsResultSchema)
    },
  },
  {
    name: `mcp: SDK Client listTools(), ${connectionCount * methodsEach} tools (compiles output validators)`,
    iterations: 10,
    beforeAll: setUp,
    fn: async () => {
      await client!.listTools()
    },
  },
  {
    name: `mcp: mcp.preview builds ${connectionCount * methodsEach} tools`,
    iterations: 20,
    beforeAll: setUp,
    fn: () => core!.mcp.preview({ clientId: 'acme' }),
  },
  {
    name: invokeBaseline,
    iterations: 100,
    beforeAll: setUp,
    fn: async () => {
      await core!.runtime.invoke(connectionId, 'items.get0', { itemId: 'a1' })
    },
  },
  {
    name: 'mcp: tools/call of the same method, loopback',
    baseline: invokeBaseline,
    targetRatio: 1.2,
    iterations: 100,
    beforeAll: setUp,
    fn: async () => {
      const result = await client!.callTool({ name: 'svc0_prod_items_get0', arguments: { itemId: 'a1' } })
      if (result.isError) throw new Error(JSON.stringify(result.content))
    },
    afterAll: tearDown,
  },
  {
    name: nodeBaseline,
    iterations: 15,
    timeMs: 0,
    beforeAll: prepareStartDir,
    fn: () => {
      spawnSync(process.execPath, ['-e', '0'])
    },
  },
  {
    name: 'mcp: switchboard mcp start-up until initialize answers (stdio)',
    baseline: nodeBaseline,
    targetRatio: 5,
    iterations: 15,
    timeMs: 0,
    beforeAll: prepareStartDir,
    fn: async () => {
      await initializeOnce()
    },
    afterAll: () => rmSync(startDir, { recursive: true, force: true }),
  },
]
