// The runtime's own cost (issue 10): a small method called through runtime.invoke — input validated,
// the API key applied, output validated, masked, and recorded with its history row and audit events
// in one transaction — against the same request sent with bare fetch to the same loopback server, in
// the same run. Target: ≤ 1.15× at the median. Each sample is one call; tinybench gives the median.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchCase } from '../case.ts'
import { createCore, type Core } from '../../src-main/core/index.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'
import { makeDefinition } from '../../test/support/definitions.ts'
import { json, startProvider, type Provider } from '../../test/support/provider.ts'

const apiKey = 'sk_bench_0123456789abcdef'
let dataDir = ''
let core: Core | undefined
let provider: Provider | undefined
let connectionId = ''

async function setUp(): Promise<void> {
  if (core) return
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-runtime-'))
  provider = await startProvider()
  provider.route('GET', '/kind0/items/a1', json(200, { id: 'a1', value: 3 }))
  core = createCore({
    dataDir,
    appVersion: 'bench',
    hostKind: 'cli',
    keyProtector: passphraseProtector({}),
    openUrl: async () => {},
  })
  await core.vault.setup('bench passphrase 42')
  core.clients.create({ name: 'Acme' })
  const definition = makeDefinition('loopy', { api: { baseUrl: { production: provider.url } } }, 1)
  await core.definitions.importFiles([{ name: 'loopy.json', content: JSON.stringify(definition) }])
  connectionId = core.connections.create({
    clientId: 'acme',
    integrationId: 'loopy',
    environment: 'production',
    secrets: { apiKey },
  }).id
  await core.connectorsLoaded
  const first = await core.runtime.invoke(connectionId, 'items.get0', { itemId: 'a1' })
  if (first.status !== 'success') throw new Error(`the bench call failed: ${first.error?.message}`)
}

async function tearDown(): Promise<void> {
  core?.close()
  await provider?.close()
  rmSync(dataDir, { recursive: true, force: true })
  core = undefined
  provider = undefined
}

const baseline = 'runtime: bare fetch, loopback (baseline)'

export const cases: BenchCase[] = [
  {
    name: baseline,
    iterations: 1000,
    timeMs: 0,
    warmupIterations: 30,
    beforeAll: setUp,
    fn: async () => {
      const response = await fetch(`${provider!.url}/kind0/items/a1`, {
        headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
      })
      await response.json()
    },
  },
  {
    name: 'runtime: runtime.invoke of the same method',
    baseline,
    targetRatio: 1.15,
    iterations: 1000,
    timeMs: 0,
    warmupIterations: 30,
    beforeAll: setUp,
    fn: async () => {
      const result = await core!.runtime.invoke(connectionId, 'items.get0', { itemId: 'a1' })
      if (result.status !== 'success') throw new Error(result.error?.message ?? result.status)
    },
    afterAll: tearDown,
  },
]
