// `switchboard health` as cron and CI run it: the built CLI spawned against loopback providers — one
// healthy, one refusing the key (401), one that never answers. Exit 1 when any checked connection
// fails, every check done within the per-check timeout, filters and --json, usage errors named.
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliAsync } from '../support/cli.ts'
import { healthDefinition } from '../support/health.ts'
import { coreWith } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'

const passphrase = 'correct horse battery'
let provider: Provider
let dataDir = ''

const run = (args: string[], env: Record<string, string> = { SWITCHBOARD_PASSPHRASE: passphrase }) =>
  runCliAsync(['--data-dir', dataDir, ...args], { env })

beforeAll(async () => {
  provider = await startProvider()
  provider.route('GET', '/ok/me', json(200, { id: 'acct' }))
  provider.route('GET', '/denied/me', json(401, { message: 'This API key was revoked' }))
  provider.route('GET', '/hang/me', () => {})
  const temp = await coreWith([healthDefinition()])
  dataDir = temp.dataDir
  temp.core.clients.create({ name: 'Other' })
  const add = (
    id: string,
    path: string,
    clientId = 'acme',
    environment: 'production' | 'sandbox' = 'production',
  ) =>
    temp.core.connections.create({
      id,
      clientId,
      integrationId: 'svc',
      environment,
      config: { baseUrl: `${provider.url}${path}` },
      secrets: { apiKey: `key-${id}` },
    })
  add('healthy', '/ok')
  add('revoked', '/denied')
  add('hanging', '/hang')
  add('other-ok', '/ok', 'other', 'sandbox')
  temp.core.close()
}, 120_000)

afterAll(async () => {
  await provider.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('switchboard health', () => {
  it('checks every connection, exits 1 when any fails, and a hang costs only the timeout', async () => {
    const started = performance.now()
    const result = await run(['health', '--timeout', '1500'])
    const took = performance.now() - started
    expect(result.code, result.stderr).toBe(1)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^CONNECTION\s+OUTCOME\s+LATENCY\s+TOOK\s+MESSAGE$/)
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `)) ?? ''
    expect(row('healthy')).toMatch(/^healthy\s+pass\s+\d+ ms/)
    expect(row('revoked')).toMatch(/fail .*Credentials refused: .*401.*This API key was revoked/)
    expect(row('hanging')).toMatch(/fail .*did not answer within 1500 ms/)
    expect(row('other-ok')).toMatch(/pass/)
    expect(result.stderr).toContain('4 checked: 2 ok, 2 failing')
    // The hanging provider held up nothing: all four ran at once, the whole command ends soon after
    // one timeout (plus the CLI's own start-up).
    expect(took).toBeLessThan(1500 + 10_000)
    expect(result.stdout).not.toContain('key-revoked')
  })

  it('--client, --env and --connection narrow the checks; healthy ones exit 0', async () => {
    const other = await run(['health', '--client', 'other'])
    expect(other.code, other.stderr).toBe(0)
    expect(other.stdout).toMatch(/other-ok\s+pass/)
    expect(other.stdout).not.toContain('healthy')

    const one = await run(['health', '--connection', 'healthy', '--json'])
    expect(one.code, one.stderr).toBe(0)
    const body = JSON.parse(one.stdout) as {
      run: { total: number }
      checks: { connectionId: string; checks: { kind: string }[] }[]
    }
    expect(body.run.total).toBe(1)
    expect(body.checks[0]!.connectionId).toBe('healthy')
    expect(body.checks[0]!.checks.map((c) => c.kind)).toEqual([
      'connectivity',
      'credentials',
      'permissions',
      'webhooks',
      'secretAge',
    ])

    const none = await run(['health', '--client', 'other', '--env', 'production'])
    expect(none.code).toBe(0)
    expect(none.stdout).toContain('(no connections to check)')
  })

  it('names bad options, and reports locked connections when the vault stays shut', async () => {
    const bad = await run(['health', '--env', 'staging'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--env must be production or sandbox, not "staging"')
    const unknown = await run(['health', '--client', 'nobody'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/nobody/)

    const shut = await run(['health', '--connection', 'healthy'], {})
    expect(shut.code).toBe(1)
    expect(shut.stdout).toMatch(/healthy\s+locked/)
    expect(shut.stderr).toContain('SWITCHBOARD_PASSPHRASE')
  })
})
