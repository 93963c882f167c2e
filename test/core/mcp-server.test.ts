// `switchboard mcp` against real peers: the official SDK's Client over stdio (the built CLI, spawned
// as assistants launch it) and over Streamable HTTP, and the MCP Inspector's CLI. The connection's
// provider is a loopback server; a secret planted in the connection (and echoed back by the provider)
// must never appear in anything the server sends.
import { execFile } from 'node:child_process'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot, spawnCli } from '../support/cli.ts'
import { crmDefinition, httpPeer, httpServer, passphrase, stdioPeer, type StdioPeer } from '../support/mcp.ts'
import { connectionOf, coreWith } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'
import { createTempCore } from '../support/temp-core.ts'

const secret = 'sk_live_mcp_planted_secret_7f3a9c'
let provider: Provider
let dataDir = ''
const everything: string[] = []

const openCore = () => createTempCore({ dataDir, actor: 'tester' })
const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n')

beforeAll(async () => {
  provider = await startProvider()
  provider.route('GET', '/kind0/items/a1', json(200, { id: 'a1', value: 3 }))
  // The provider echoes the credential it was sent: the runtime must mask it before anything leaves.
  provider.route('GET', '/kind0/items/echo', (req, res) =>
    json(200, { id: `echo ${String(req.headers.authorization)}`, value: 1 })(req, res, undefined as never),
  )
  provider.route('GET', '/kind0/items/boom', (req, res) =>
    json(500, { message: `failed for ${String(req.headers.authorization)}` })(req, res, undefined as never),
  )
  provider.route('POST', '/kind1/items/a1', json(200, { id: 'a1', value: 9 }))
  const temp = await coreWith([crmDefinition(provider.url)])
  dataDir = temp.dataDir
  connectionOf(temp, 'acmecrm', { apiKey: secret })
  temp.core.close()
}, 120_000)

afterAll(async () => {
  await provider.close()
  expect(everything.length).toBeGreaterThan(10)
  for (const message of everything) expect(message).not.toContain(secret)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('switchboard mcp over stdio (SDK Client)', () => {
  let peer: StdioPeer
  beforeAll(async () => {
    peer = await stdioPeer(dataDir, ['--client', 'acme', '--poll-ms', '200'])
  }, 60_000)
  afterAll(async () => {
    everything.push(...peer.log, peer.stderr())
    await peer.close()
  })

  it('lists the methods as tools: names, hints, descriptions and the schemas as given', async () => {
    const { tools } = await peer.client.listTools()
    expect(tools.map((t) => t.name)).toEqual([
      'acmecrm_prod_items_get0',
      'acmecrm_prod_items_get1',
      'acmecrm_prod_items_get2',
    ])
    const [read, write, remove] = tools
    const definition = crmDefinition(provider.url)
    expect(read?.inputSchema).toEqual(definition.methods[0]?.inputSchema)
    expect(read?.outputSchema).toEqual(definition.methods[0]?.outputSchema)
    expect(read?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false })
    expect(write?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false })
    expect(remove?.annotations).toMatchObject({ destructiveHint: true, idempotentHint: true })
    expect(read?.description).toMatch(
      /Service acmecrm \(production\) for Acme, connection conn_acmecrm_acme_production/,
    )
    expect(write?.description).toMatch(/--allow-production-writes/)
  }, 60_000)

  it('calls a read through the runtime: structured result valid against the outputSchema, history and audit', async () => {
    const result = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get0',
      arguments: { itemId: 'a1' },
    })) as CallToolResult
    expect(result.isError).toBeFalsy()
    expect(result.structuredContent).toEqual({ id: 'a1', value: 3 })
    const validate = new Ajv2020({ strict: false }).compile(
      crmDefinition(provider.url).methods[0]!.outputSchema,
    )
    expect(validate(result.structuredContent)).toBe(true)
    expect(JSON.parse(text(result))).toEqual({ id: 'a1', value: 3 })
    expect(provider.seen.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`)

    const temp = openCore()
    try {
      const history = temp.core.runtime.history('conn_acmecrm_acme_production')
      expect(history.entries[0]).toMatchObject({ methodId: 'items.get0', status: 'success' })
      const audit = temp.core.audit.list({ limit: 5 }).events
      expect(audit[0]).toMatchObject({
        host: 'mcp',
        action: 'mcp.call',
        target: 'conn_acmecrm_acme_production',
        details: { tool: 'acmecrm_prod_items_get0', methodId: 'items.get0', status: 'success' },
      })
    } finally {
      temp.core.close()
    }
  }, 60_000)

  it('bad arguments: isError naming each field, nothing sent', async () => {
    const before = provider.seen.length
    const missing = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get0',
      arguments: {},
    })) as CallToolResult
    expect(missing.isError).toBe(true)
    expect(text(missing)).toMatch(/INPUT_INVALID/)
    expect(text(missing)).toMatch(/- itemId: /)
    const two = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get0',
      arguments: { itemId: '', colour: 1 },
    })) as CallToolResult
    expect(text(two)).toMatch(/- itemId: /)
    expect(text(two)).toMatch(/- colour: /)
    expect(provider.seen.length).toBe(before)
  }, 60_000)

  it('a write on production is refused without --allow-production-writes (and audited)', async () => {
    const result = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get1',
      arguments: { itemId: 'a1' },
    })) as CallToolResult
    expect(result.isError).toBe(true)
    expect(text(result)).toMatch(/without --allow-production-writes/)
    expect(provider.seen.some((s) => s.method === 'POST')).toBe(false)
    const temp = openCore()
    try {
      expect(temp.core.audit.list({ limit: 1 }).events[0]).toMatchObject({
        host: 'mcp',
        action: 'mcp.refused',
      })
    } finally {
      temp.core.close()
    }
  }, 60_000)

  it('the planted secret, echoed by the provider in an answer and an error, is masked', async () => {
    const echo = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get0',
      arguments: { itemId: 'echo' },
    })) as CallToolResult
    expect(echo.isError).toBeFalsy()
    expect(JSON.stringify(echo.structuredContent)).toContain('****')
    const boom = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get0',
      arguments: { itemId: 'boom' },
    })) as CallToolResult
    expect(boom.isError).toBe(true)
    expect(text(boom)).toMatch(/PROVIDER/)
    for (const message of peer.log) expect(message).not.toContain(secret)
  }, 60_000)

  it('sends tools/list_changed when a connection is added, and lists its tools', async () => {
    const changed = new Promise<void>((resolve) =>
      peer.client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
    )
    const temp = openCore()
    try {
      await temp.core.vault.unlock(passphrase)
      temp.core.connections.create({
        clientId: 'acme',
        integrationId: 'acmecrm',
        environment: 'sandbox',
        secrets: { apiKey: secret },
      })
    } finally {
      temp.core.close()
    }
    await changed
    const { tools } = await peer.client.listTools()
    expect(tools.map((t) => t.name)).toContain('acmecrm_sbx_items_get0')
    // Writes on sandbox run without the flag.
    const write = tools.find((t) => t.name === 'acmecrm_sbx_items_get1')
    expect(write?.description).not.toMatch(/Refused/)
  }, 60_000)
})

describe('switchboard mcp flags', () => {
  it('--allow-production-writes lets a write run; --read-only and --methods narrow the list', async () => {
    const writer = await stdioPeer(dataDir, [
      '--client',
      'acme',
      '--env',
      'production',
      '--allow-production-writes',
    ])
    try {
      const result = (await writer.client.callTool({
        name: 'acmecrm_prod_items_get1',
        arguments: { itemId: 'a1' },
      })) as CallToolResult
      expect(result.isError, text(result)).toBeFalsy()
      expect(provider.seen.filter((s) => s.method === 'POST')).toHaveLength(1)
    } finally {
      everything.push(...writer.log)
      await writer.close()
    }
    const reader = await stdioPeer(dataDir, ['--client', 'acme', '--read-only', '--methods', '*get0'])
    try {
      const { tools } = await reader.client.listTools()
      expect(tools.map((t) => t.name).sort()).toEqual(['acmecrm_prod_items_get0', 'acmecrm_sbx_items_get0'])
    } finally {
      everything.push(...reader.log)
      await reader.close()
    }
  }, 90_000)

  it('--port takes a whole number from 0 (a free port) to 65535; anything else is refused, naming the flag', async () => {
    const bad = ['70000', '65535000', '1.5', '1e3', 'abc', '-1', '']
    const runs = await Promise.all(
      bad.map((port) =>
        cliUntilExit(['--data-dir', dataDir, 'mcp', '--client', 'acme', '--http', `--port=${port}`]),
      ),
    )
    for (const [i, run] of runs.entries()) {
      expect(run.code, `--port=${bad[i]}: ${run.stderr}`).not.toBe(0)
      expect(run.stderr).toContain('--port must be a whole number from 1 to 65535, or 0 for a free port.')
      expect(run.stderr).not.toMatch(/unexpected error|serving Streamable HTTP/)
    }
    const free = await freePort()
    const server = await httpServer(dataDir, ['--client', 'acme', '--port', String(free)])
    try {
      expect(server.url).toBe(`http://127.0.0.1:${free}/mcp`)
    } finally {
      await server.stop()
    }
  }, 90_000)

  it('--mock answers from the mock connector: nothing reaches the provider', async () => {
    const before = provider.seen.length
    const mock = await stdioPeer(dataDir, ['--client', 'acme', '--mock', '--env', 'production'])
    try {
      const result = (await mock.client.callTool({
        name: 'acmecrm_prod_items_get0',
        arguments: { itemId: 'a1' },
      })) as CallToolResult
      expect(result.isError, text(result)).toBeFalsy()
      expect(typeof result.structuredContent?.id).toBe('string')
      expect(provider.seen.length).toBe(before)
    } finally {
      everything.push(...mock.log)
      await mock.close()
    }
  }, 60_000)
})

/** Runs the CLI to its exit; one still running after `ms` (a server that started) is stopped and fails. */
function cliUntilExit(args: string[], ms = 20_000): Promise<{ code: number | null; stderr: string }> {
  const child = spawnCli(args, { env: { SWITCHBOARD_PASSPHRASE: passphrase } })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdin.end()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stderr += `\n(still running after ${ms} ms: stopped)`
      child.kill('SIGTERM')
    }, ms)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: signal ? -1 : code, stderr })
    })
  })
}

/** A port free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

function rawPost(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }))
  })
}

describe('switchboard mcp --http (Streamable HTTP)', () => {
  it('needs the bearer token and this listener’s Host and Origin; lists, calls (result valid against the outputSchema), refuses a production write and delete', async () => {
    const server = await httpServer(dataDir, ['--client', 'acme', '--env', 'production'])
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/)
      const { port } = new URL(server.url)
      const auth = { authorization: `Bearer ${server.token}`, accept: 'application/json, text/event-stream' }
      expect(await rawPost(server.url, { accept: auth.accept })).toBe(401)
      expect(await rawPost(server.url, { ...auth, authorization: 'Bearer nope' })).toBe(401)
      expect(await rawPost(server.url, { ...auth, host: `evil.example:${port}` })).toBe(403)
      expect(await rawPost(server.url, { ...auth, origin: 'http://evil.example' })).toBe(403)

      const { client, log } = await httpPeer(server.url, server.token)
      try {
        const { tools } = await client.listTools()
        expect(tools.map((t) => t.name)).toEqual([
          'acmecrm_prod_items_get0',
          'acmecrm_prod_items_get1',
          'acmecrm_prod_items_get2',
        ])
        const read = (await client.callTool({
          name: 'acmecrm_prod_items_get0',
          arguments: { itemId: 'a1' },
        })) as CallToolResult
        expect(read.isError).toBeFalsy()
        expect(read.structuredContent).toEqual({ id: 'a1', value: 3 })
        // Validated against the outputSchema the server listed (the definition's, as given).
        const validate = new Ajv2020({ strict: false }).compile(tools[0]!.outputSchema!)
        expect(validate(read.structuredContent), JSON.stringify(validate.errors)).toBe(true)
        expect(tools[0]?.outputSchema).toEqual(crmDefinition(provider.url).methods[0]?.outputSchema)
        const missing = (await client.callTool({
          name: 'acmecrm_prod_items_get0',
          arguments: {},
        })) as CallToolResult
        expect(missing.isError).toBe(true)
        expect(text(missing)).toMatch(/- itemId: /)
        const sent = provider.seen.filter((s) => s.method !== 'GET').length
        const write = (await client.callTool({
          name: 'acmecrm_prod_items_get1',
          arguments: { itemId: 'a1' },
        })) as CallToolResult
        expect(write.isError).toBe(true)
        expect(text(write)).toMatch(/changes data on production.*without --allow-production-writes/)
        const refused = (await client.callTool({
          name: 'acmecrm_prod_items_get2',
          arguments: { itemId: 'a1' },
        })) as CallToolResult
        expect(refused.isError).toBe(true)
        expect(text(refused)).toMatch(/deletes data on production/)
        expect(provider.seen.filter((s) => s.method !== 'GET').length).toBe(sent)
        const temp = openCore()
        try {
          const [deleteEvent, writeEvent] = temp.core.audit.list({ limit: 2 }).events
          expect(writeEvent).toMatchObject({
            host: 'mcp',
            action: 'mcp.refused',
            details: { tool: 'acmecrm_prod_items_get1', reason: 'production-write' },
          })
          expect(deleteEvent).toMatchObject({
            host: 'mcp',
            action: 'mcp.refused',
            details: { tool: 'acmecrm_prod_items_get2', reason: 'production-write' },
          })
        } finally {
          temp.core.close()
        }
      } finally {
        everything.push(...log)
        await client.close()
      }
    } finally {
      everything.push(server.stderr().replace(/bearer token \S+/, ''))
      await server.stop()
    }
  }, 90_000)
})

function inspector(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = join(
    projectRoot,
    'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js',
  )
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        bin,
        '--cli',
        '-e',
        `SWITCHBOARD_DATA_DIR=${dataDir}`,
        '-e',
        `SWITCHBOARD_PASSPHRASE=${passphrase}`,
        process.execPath,
        join(projectRoot, 'out/cli/switchboard.js'),
        'mcp',
        '--client',
        'acme',
        '--env',
        'production',
        ...args,
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    )
  })
}

describe('the MCP Inspector CLI as a peer', () => {
  it('tools/list and tools/call: its JSON output', async () => {
    const list = await inspector(['--method', 'tools/list'])
    expect(list.code, list.stderr).toBe(0)
    const listed = JSON.parse(list.stdout) as { tools: { name: string; annotations?: object }[] }
    expect(listed.tools.map((t) => t.name)).toContain('acmecrm_prod_items_get0')
    const call = await inspector([
      '--method',
      'tools/call',
      '--tool-name',
      'acmecrm_prod_items_get0',
      '--tool-arg',
      'itemId=a1',
    ])
    expect(call.code, call.stderr).toBe(0)
    const result = JSON.parse(call.stdout) as CallToolResult
    expect(result.structuredContent).toEqual({ id: 'a1', value: 3 })
    everything.push(list.stdout, call.stdout)
  }, 90_000)
})
