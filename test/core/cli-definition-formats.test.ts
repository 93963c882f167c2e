// The reference formats through the real `switchboard` bin: the reference structure and a ContractSpec
// spec validate, import and export; every broken variant is refused with exit 1, the file and the
// JSON path named, each issue once.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-core.ts'

const bin = resolve(import.meta.dirname, '../../src-main/cli.ts')
const reference = resolve(import.meta.dirname, '../support/reference')
const work = tempDir('switchboard-cli-formats-')
afterAll(() => rmSync(work, { recursive: true, force: true }))

function run(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const xero = () => JSON.parse(readFileSync(join(reference, 'xero.json'), 'utf8')) as Record<string, unknown>

function file(name: string, value: unknown): string {
  const path = join(work, name)
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value))
  return path
}

describe('switchboard definitions with the reference formats', () => {
  const dataDir = join(work, 'data')

  it('validates and imports the Xero reference example and one with additionalParameters.grant_type', () => {
    const files = [join(reference, 'xero.json'), join(reference, 'client-credentials.json')]
    const checked = run(dataDir, 'definitions', 'validate', ...files)
    expect(checked).toMatchObject({ code: 0, stdout: '2 valid, 0 invalid\n' })
    const imported = run(dataDir, 'definitions', 'import', ...files)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain(`upgraded  ${files[0]}  (xero 1.1.0 → 1.2.0)`)
    expect(imported.stdout).toContain(`imported  ${files[1]}  (acme-ledger 0.3.1)`)
    expect(imported.stderr).toContain(
      `${files[1]}: warning: oauth2Config.additionalParameters.grant_type: grant_type is set by Switchboard`,
    )
    const shown = run(dataDir, 'definitions', 'show', 'xero')
    expect(shown.stdout).toContain('Xero (xero) 1.2.0 — other')
    expect(shown.stdout).toContain('Base URL: none. Needs an endpoint: a baseUrl in the connection’s config')
    expect(shown.stdout).toMatch(/invoices\.list\s+List invoices\s+\(code\) · needs an endpoint/)
    const exported = JSON.parse(
      run(dataDir, 'definitions', 'export', '--format', 'json', '--id', 'xero').stdout,
    )
    expect(exported.definitions).toEqual([xero()])
  }, 180_000)

  const broken: [name: string, content: unknown, path: string][] = [
    ['methods-not-array', { ...xero(), methods: { id: 'x' } }, 'methods'],
    [
      'no-output-schema',
      { ...xero(), methods: [{ id: 'a', name: 'A', description: '', inputSchema: {} }] },
      'methods[0].outputSchema',
    ],
    ['bad-semver', { ...xero(), version: '1.2' }, 'version'],
    ['unknown-auth', { ...xero(), authType: 'magic' }, 'authType'],
    ['oauth2-without-config', { ...xero(), oauth2Config: undefined }, 'oauth2Config'],
    [
      'duplicate-ids',
      { ...xero(), methods: [(xero().methods as unknown[])[0], (xero().methods as unknown[])[0]] },
      'methods[1].id',
    ],
    [
      'invalid-schema',
      {
        ...xero(),
        methods: [{ ...(xero().methods as object[])[0], inputSchema: { type: 'object', required: 'x' } }],
      },
      'methods[0].inputSchema',
    ],
    ['malformed-json', '{"integrationId": "xero", ', '(root)'],
  ]

  it('refuses every broken variant with exit 1, naming the file and the JSON path, each issue once', () => {
    const targets = broken.map(([name, content]) => file(`${name}.json`, content))
    for (const command of ['validate', 'import']) {
      const result = run(dataDir, 'definitions', command, ...targets)
      expect(result.code, command).toBe(1)
      const lines = result.stderr.trim().split('\n')
      broken.forEach(([, , path], index) => {
        const prefix = `${targets[index]}: ${path}: `
        expect(
          lines.some((line) => line.startsWith(prefix)),
          `${command}: ${prefix}\n${result.stderr}`,
        ).toBe(true)
      })
      expect(lines.length - new Set(lines).size, result.stderr).toBe(0)
    }
  }, 180_000)

  it('imports a ContractSpec spec and exports it back as a JSON array', () => {
    const spec = join(reference, 'stripe-spec.json')
    const imported = run(dataDir, 'definitions', 'import', '--format', 'contractspec', spec)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain(`upgraded  ${spec}  (stripe 1.0.0 → 2.1.0)`)
    expect(imported.stderr).toContain(`${spec}: note: methods: 3 made, one per capability operation`)
    const out = join(work, 'specs.json')
    expect(
      run(dataDir, 'definitions', 'export', '--format', 'contractspec', '--id', 'stripe', '--out', out).code,
    ).toBe(0)
    const [exported] = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>[]
    const source = JSON.parse(readFileSync(spec, 'utf8')) as Record<string, unknown>
    expect(exported?.id).toBe('stripe')
    expect(exported?.providesCapabilities).toEqual(source.providesCapabilities)
    expect(exported?.secretSchema).toMatchObject({
      apiKey: { required: true },
      webhookSecret: { required: false },
    })
    expect((exported?.webhooks as { events: string[] }).events).toHaveLength(5)
    expect(run(dataDir, 'definitions', 'export', '--format', 'yaml')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--format must be one of json, sql, contractspec'),
    })
  }, 180_000)
})
