// MCP peers for tests: the official SDK's Client over stdio (spawning the built `switchboard mcp`) and
// over Streamable HTTP, with every message the server sends recorded, and a data folder with a client,
// a definition served by a loopback provider and a production connection holding a planted secret.
import type { Readable } from 'node:stream'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { cliEntry } from './cli.ts'
import { makeDefinition } from './definitions.ts'
import { spawnCli } from './cli.ts'

export const passphrase = 'correct horse battery'

/** Wraps a transport so that every message received is kept, as text, in `log`. */
export function recorded(inner: Transport, log: string[]): Transport {
  const outer: Transport = {
    start: () => inner.start(),
    send: (message, options) => inner.send(message, options),
    close: () => inner.close(),
    setProtocolVersion: (version) => inner.setProtocolVersion?.(version),
    get sessionId() {
      return inner.sessionId
    },
  }
  inner.onmessage = (message, extra) => {
    log.push(JSON.stringify(message))
    outer.onmessage?.(message, extra)
  }
  inner.onclose = () => outer.onclose?.()
  inner.onerror = (error) => outer.onerror?.(error)
  return outer
}

/** A definition with a read (get0), a write (get1, POST) and a delete (get2) on the provider. */
export function crmDefinition(baseUrl: string, id = 'acmecrm'): IntegrationDefinition {
  const definition = makeDefinition(id, { api: { baseUrl: { production: baseUrl, sandbox: baseUrl } } })
  const [, write, remove] = definition.methods
  if (write?.http) {
    write.kind = 'write'
    write.http.method = 'POST'
  }
  if (remove?.http) {
    remove.kind = 'delete'
    remove.idempotent = true
    remove.http.method = 'DELETE'
  }
  return definition
}

export interface StdioPeer {
  client: Client
  log: string[]
  stderr(): string
  close(): Promise<void>
}

/** `env` replaces the default SWITCHBOARD_PASSPHRASE (an assistant's config has none). */
export async function stdioPeer(
  dataDir: string,
  args: string[],
  env: Record<string, string> = { SWITCHBOARD_PASSPHRASE: passphrase },
): Promise<StdioPeer> {
  const log: string[] = []
  let stderr = ''
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliEntry, '--data-dir', dataDir, 'mcp', ...args],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stderr: 'pipe',
  })
  ;(transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const client = new Client({ name: 'switchboard-test', version: '1.0.0' })
  await client.connect(recorded(transport, log))
  return { client, log, stderr: () => stderr, close: () => client.close() }
}

export interface HttpServerProcess {
  url: string
  token: string
  stderr(): string
  stop(): Promise<void>
}

/** Starts `switchboard mcp --http` and reads its URL and token from stderr. */
export function httpServer(dataDir: string, args: string[]): Promise<HttpServerProcess> {
  const child = spawnCli(['--data-dir', dataDir, 'mcp', '--http', ...args], {
    env: { SWITCHBOARD_PASSPHRASE: passphrase },
  })
  let stderr = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 60_000)
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const url = /serving Streamable HTTP at (\S+)/.exec(stderr)?.[1]
      const token = /bearer token (\S+)/.exec(stderr)?.[1]
      if (url && token) {
        clearTimeout(timer)
        resolve({
          url,
          token,
          stderr: () => stderr,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done()
              child.once('exit', () => done())
              child.kill('SIGTERM')
            }),
        })
      }
    })
  })
}

export async function httpPeer(url: string, token: string): Promise<{ client: Client; log: string[] }> {
  const log: string[] = []
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  })
  const client = new Client({ name: 'switchboard-test', version: '1.0.0' })
  await client.connect(recorded(transport, log))
  return { client, log }
}
