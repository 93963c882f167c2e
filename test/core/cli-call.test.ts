// `switchboard call` and `switchboard history` as scripts run them, against a loopback provider: exit
// codes, every validation error named with nothing sent, the provider's status and body, the delete
// guard on production, and no secret in anything printed.
import { spawn } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDefinition } from '../support/definitions.ts'
import { connectionOf, coreWith } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'

const bin = resolve(import.meta.dirname, '../../src-main/cli.ts')
const passphrase = 'correct horse battery'
const apiKey = 'sk_live_cli_call_secret_0000000042'
let provider: Provider
let dataDir = ''
let connectionId = ''

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, '--data-dir', dataDir, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SWITCHBOARD_PASSPHRASE: passphrase },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

beforeAll(async () => {
  provider = await startProvider()
  provider.route('GET', '/kind0/items/a1', json(200, { id: 'a1', value: 3 }))
  provider.route('GET', '/kind1/items/a1', json(404, { message: 'No such item', code: 'missing' }))
  provider.route('DELETE', '/kind2/items/a1', json(200, { id: 'a1' }))
  const definition = makeDefinition('clitest', { api: { baseUrl: { production: provider.url } } })
  const kind2 = definition.methods[2]
  if (kind2) {
    kind2.kind = 'delete'
    if (kind2.http) kind2.http.method = 'DELETE'
  }
  const temp = await coreWith([definition])
  dataDir = temp.dataDir
  connectionId = connectionOf(temp, 'clitest', { apiKey })
  temp.core.close()
}, 120_000)

afterAll(async () => {
  await provider.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('switchboard call', () => {
  it('runs a method: exit 0, the output on stdout, and --json gives the masked request', async () => {
    const plain = await run(['call', connectionId, 'items.get0', '--input', '{"itemId":"a1"}'])
    expect(plain.code, plain.stderr).toBe(0)
    expect(JSON.parse(plain.stdout)).toEqual({ id: 'a1', value: 3 })
    expect(plain.stderr).toMatch(/items\.get0 success in \d+ ms via official-api \(HTTP 200\)/)

    const file = join(dataDir, 'input.json')
    writeFileSync(file, '{"itemId":"a1"}')
    const full = await run(['call', connectionId, 'items.get0', '--input-file', file, '--json'])
    expect(full.code).toBe(0)
    const result = JSON.parse(full.stdout) as { request: { headers: Record<string, string> }; status: string }
    expect(result.status).toBe('success')
    expect(result.request.headers.authorization).toBe('Bearer ****')
    expect(full.stdout + full.stderr + plain.stdout + plain.stderr).not.toContain(apiKey)
    expect(provider.seen.every((s) => s.headers.authorization === `Bearer ${apiKey}`)).toBe(true)
  }, 120_000)

  it('bad input: exit 1, every field named, nothing sent; a provider error shows its status and body', async () => {
    const before = provider.seen.length
    const bad = await run(['call', connectionId, 'items.get0', '--input', '{"itemId":"","colour":1}'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('INPUT_INVALID')
    expect(bad.stderr).toMatch(/itemId: itemId must not be empty/)
    expect(bad.stderr).toMatch(/colour: colour is not a field here/)
    expect(provider.seen.length).toBe(before)

    const notJson = await run(['call', connectionId, 'items.get0', '--input', '{itemId'])
    expect(notJson.code).toBe(1)
    expect(notJson.stderr).toMatch(/not JSON/)

    const missing = await run(['call', connectionId, 'items.get1', '--input', '{"itemId":"a1"}'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/PROVIDER: The provider answered 404 Not Found: No such item/)
    expect(JSON.parse(missing.stdout)).toEqual({ message: 'No such item', code: 'missing' })
  }, 120_000)

  it('a delete method on production needs --yes; history lists the calls', async () => {
    const refused = await run(['call', connectionId, 'items.get2', '--input', '{"itemId":"a1"}'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/add --yes/)
    expect(provider.seen.some((s) => s.method === 'DELETE')).toBe(false)
    const confirmed = await run(['call', connectionId, 'items.get2', '--input', '{"itemId":"a1"}', '--yes'])
    expect(confirmed.code, confirmed.stderr).toBe(0)
    expect(provider.seen.filter((s) => s.method === 'DELETE')).toHaveLength(1)

    const history = await run(['history', connectionId, '--json'])
    expect(history.code).toBe(0)
    const page = JSON.parse(history.stdout) as { entries: { methodId: string; status: string }[] }
    expect(page.entries[0]).toMatchObject({ methodId: 'items.get2', status: 'success' })
    expect(page.entries.map((e) => e.status)).toContain('failed')
    const table = await run(['history', connectionId])
    expect(table.stdout).toMatch(/^AT\s+METHOD\s+STATUS/)
    expect(history.stdout + table.stdout).not.toContain(apiKey)
  }, 180_000)
})
