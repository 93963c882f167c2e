// The registry against a real SQLite file: bundled start-up load, imports, versions and lookups.
import { utimesSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fetchDefinitionText } from '../../src-main/core/definitions/fetch-url.ts'
import { asFile, makeDefinition } from '../support/definitions.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

function bundledDir(files: Record<string, unknown>): string {
  const dir = tempDir('switchboard-defs-')
  for (const [name, value] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value))
  }
  return dir
}

function start(definitionsDir: string, dataDir?: string): TempCore {
  const temp = createTempCore({ definitionsDir, ...(dataDir ? { dataDir } : {}) })
  cleanups.push(() => temp.core.close())
  return temp
}

describe('bundled definitions at start-up', () => {
  it('loads every good file and reports each bad one with its reasons', () => {
    const dir = bundledDir({
      'alpha.json': makeDefinition('alpha'),
      'beta.json': makeDefinition('beta'),
      'broken.json': '{ "integrationId": "broken", ',
      'invalid.json': { ...makeDefinition('invalid'), authType: 'oauth2' },
    })
    const { core } = start(dir)
    const catalog = core.definitions.catalog()
    expect(catalog.definitions.map((d) => d.integrationId)).toEqual(['alpha', 'beta'])
    expect(catalog.rejected.map((r) => r.file)).toEqual([join(dir, 'broken.json'), join(dir, 'invalid.json')])
    expect(catalog.rejected[1]?.issues).toContainEqual({
      path: 'oauth2Config',
      message: 'oauth2Config is required when authType is "oauth2".',
    })
  })

  it('skips unchanged files on the next start, still reporting rejected ones', () => {
    const dir = bundledDir({ 'alpha.json': makeDefinition('alpha'), 'bad.json': '[]' })
    const first = start(dir)
    first.core.close()
    const second = createTempCore({ definitionsDir: dir, dataDir: first.dataDir })
    cleanups.push(() => second.core.close())
    const report = second.core.definitions.loadBundled(dir)
    expect(report).toMatchObject({ stored: 0, unchanged: 2 })
    expect(report.rejected.map((r) => r.file)).toEqual([join(dir, 'bad.json')])
    // Touched but identical: hashed, not parsed, not stored again.
    utimesSync(join(dir, 'alpha.json'), new Date(), new Date(Date.now() + 5000))
    expect(second.core.definitions.loadBundled(dir)).toMatchObject({ stored: 0, unchanged: 2 })
    // Changed: stored as the new current version.
    writeFileSync(join(dir, 'alpha.json'), JSON.stringify(makeDefinition('alpha', { version: '1.1.0' })))
    expect(second.core.definitions.loadBundled(dir)).toMatchObject({ stored: 1, unchanged: 1 })
    expect(second.core.definitions.current('alpha').version).toBe('1.1.0')
  })

  it('refuses a second bundled file with an integrationId already taken', () => {
    const { core } = start(bundledDir({ 'a.json': makeDefinition('same'), 'b.json': makeDefinition('same') }))
    expect(core.definitions.rejected()).toMatchObject([
      { issues: [{ path: 'integrationId', message: '"same" is already defined by a.json' }] },
    ])
  })
})

describe('imports and versions', () => {
  const empty = () => start(bundledDir({}))

  it('imports, then upgrades to a newer version keeping the older', async () => {
    const { core } = empty()
    const first = await core.definitions.importFiles([asFile('acme.json', makeDefinition('acme'))])
    expect(first.files[0]).toMatchObject({
      status: 'imported',
      definitions: [{ integrationId: 'acme', version: '1.0.0', previousVersion: null }],
    })
    const second = await core.definitions.importFiles([
      asFile('acme-2.json', makeDefinition('acme', { version: '2.0.0' })),
    ])
    expect(second.files[0]).toMatchObject({
      status: 'upgraded',
      definitions: [{ version: '2.0.0', previousVersion: '1.0.0' }],
    })
    expect(core.definitions.versions('acme').map((v) => [v.version, v.current])).toEqual([
      ['1.0.0', false],
      ['2.0.0', true],
    ])
    expect(core.audit.list({}).events.map((e) => e.action)).toEqual([
      'definitions.upgraded',
      'definitions.imported',
    ])
  })

  it('refuses a downgrade or a changed equal version unless forced, and changes nothing', async () => {
    const { core } = empty()
    await core.definitions.importFiles([asFile('acme.json', makeDefinition('acme', { version: '2.0.0' }))])
    const older = await core.definitions.importFiles([
      asFile('old.json', makeDefinition('acme', { version: '1.5.0' })),
    ])
    expect(older.files[0]).toMatchObject({
      status: 'rejected',
      issues: [
        { path: 'version', message: expect.stringContaining('1.5.0 is not newer than the installed 2.0.0') },
      ],
    })
    const equal = await core.definitions.importFiles([
      asFile('same.json', makeDefinition('acme', { version: '2.0.0', name: 'Renamed' })),
    ])
    expect(equal.files[0]?.status).toBe('rejected')
    expect(core.definitions.current('acme').name).toBe('Service acme')
    const identical = await core.definitions.importFiles([
      asFile('again.json', makeDefinition('acme', { version: '2.0.0' })),
    ])
    expect(identical.files[0]?.status).toBe('unchanged')
    const forced = await core.definitions.importFiles(
      [asFile('old.json', makeDefinition('acme', { version: '1.5.0' }))],
      { force: true },
    )
    expect(forced.files[0]?.status).toBe('upgraded')
    expect(core.definitions.current('acme').version).toBe('1.5.0')
  })

  it('rolls back to a kept version', async () => {
    const { core } = empty()
    await core.definitions.importFiles([asFile('a.json', makeDefinition('acme'))])
    await core.definitions.importFiles([
      asFile('b.json', makeDefinition('acme', { version: '1.1.0', name: 'Acme v1.1' })),
    ])
    core.definitions.rollback('acme', '1.0.0')
    expect(core.definitions.current('acme')).toMatchObject({ version: '1.0.0', name: 'Service acme' })
    expect(() => core.definitions.rollback('acme', '9.9.9')).toThrow(/no kept version 9\.9\.9/)
    expect(() => core.definitions.rollback('acme', '1.0.0')).toThrow(/already at version 1\.0\.0/)
  })

  it('is all-or-nothing per file and never lets one file stop another', async () => {
    const { core } = empty()
    const bad = { definitions: [makeDefinition('one'), { ...makeDefinition('two'), methods: [] }] }
    const report = await core.definitions.importFiles([
      asFile('bundle.json', bad),
      asFile('three.json', makeDefinition('three')),
    ])
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'imported'])
    expect(report.files[0]?.issues).toEqual([
      { path: 'definitions[1].methods', message: 'methods must have at least one item.' },
    ])
    expect(core.definitions.has('one')).toBe(false)
    expect(core.definitions.has('three')).toBe(true)
  })

  it('refuses the same integrationId twice in one import', async () => {
    const { core } = empty()
    const report = await core.definitions.importFiles([
      asFile('a.json', makeDefinition('dup')),
      asFile('b.json', makeDefinition('dup')),
    ])
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'rejected'])
    expect(report.files[0]?.issues[0]?.message).toBe(
      '"dup" appears more than once in this import (a.json, b.json)',
    )
    expect(core.definitions.has('dup')).toBe(false)
  })

  it('refuses requirements that nothing in the catalog provides', async () => {
    const { core } = empty()
    const needy = makeDefinition('needy', { requirements: { capabilities: ['payments.refund'] } })
    const report = await core.definitions.importFiles([asFile('needy.json', needy)])
    expect(report.files[0]?.issues).toEqual([
      {
        path: 'requirements.capabilities[0]',
        message: 'needs "payments.refund", which no definition in the catalog provides',
      },
    ])
    const provider = makeDefinition('provider', {
      providesCapabilities: [{ capabilityId: 'payments.refund', operation: 'create' }],
    })
    const together = await core.definitions.importFiles([
      asFile('needy.json', needy),
      asFile('provider.json', provider),
    ])
    expect(together.files.map((f) => f.status)).toEqual(['imported', 'imported'])
  })

  it('dry runs check everything and store nothing', async () => {
    const { core } = empty()
    const report = await core.definitions.importFiles([asFile('a.json', makeDefinition('acme'))], {
      dryRun: true,
    })
    expect(report.files[0]?.status).toBe('imported')
    expect(core.definitions.has('acme')).toBe(false)
    expect(core.audit.list({}).events).toEqual([])
  })
})

describe('lookups and search', () => {
  it('finds methods in O(1) and caches their compiled validators', async () => {
    const { core } = start(bundledDir({ 'acme.json': makeDefinition('acme', {}, 5) }))
    expect(core.definitions.getMethod('acme', '1.0.0', 'items.get3').http?.path).toBe('/kind3/items/{itemId}')
    const validate = core.definitions.validatorFor('acme', '1.0.0', 'items.get3', 'input')
    expect(core.definitions.validatorFor('acme', '1.0.0', 'items.get3', 'input')).toBe(validate)
    expect(validate({ itemId: 'x' })).toBe(true)
    expect(validate({ itemId: '' })).toBe(false)
    expect(() => core.definitions.getMethod('acme', '1.0.0', 'nope')).toThrow(
      'acme 1.0.0 has no method "nope".',
    )
    expect(() => core.definitions.current('nope')).toThrow('No integration definition "nope".')
  })

  it('searches names, categories, capabilities and method names, with a category filter', () => {
    const { core } = start(
      bundledDir({
        'pay.json': makeDefinition('pay', {
          name: 'PayCo',
          category: 'payments',
          methods: [{ ...makeDefinition('x').methods[0]!, name: 'Refund a charge' }],
        }),
        'mail.json': makeDefinition('mail', { name: 'Mailer', category: 'email' }),
      }),
    )
    expect(core.definitions.search('refund').map((h) => [h.integrationId, h.matchedMethods])).toEqual([
      ['pay', ['Refund a charge']],
    ])
    expect(core.definitions.search('email').map((h) => h.integrationId)).toEqual(['mail'])
    expect(core.definitions.search('', 'payments').map((h) => h.integrationId)).toEqual(['pay'])
    expect(core.definitions.search('mail kind').map((h) => h.integrationId)).toEqual(['mail'])
    expect(core.definitions.search('zzz')).toEqual([])
  })
})

describe('import from a URL', () => {
  let server: Server | undefined
  afterEach(() => server?.close())

  async function serve(
    handler: (path: string) => { status?: number; type?: string; body?: string; hang?: boolean },
  ) {
    server = createServer((req, res) => {
      const answer = handler(req.url ?? '/')
      if (answer.hang) return
      res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'application/json' })
      res.end(answer.body ?? '')
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('imports a definition served over loopback', async () => {
    const base = await serve(() => ({ body: JSON.stringify(makeDefinition('remote')) }))
    const { core } = start(bundledDir({}))
    const report = await core.dispatch('definitions.importUrl', { url: `${base}/remote.json` })
    expect(report).toMatchObject({
      ok: true,
      value: { files: [{ status: 'imported', file: `${base}/remote.json` }] },
    })
  })

  it('refuses HTML, errors, time-outs and non-https URLs clearly', async () => {
    const base = await serve((path) =>
      path === '/page'
        ? { type: 'text/html', body: '<html></html>' }
        : path === '/missing'
          ? { status: 404 }
          : { hang: true },
    )
    await expect(fetchDefinitionText(`${base}/page`)).rejects.toThrow(/returned a web page \(HTML\)/)
    await expect(fetchDefinitionText(`${base}/missing`)).rejects.toThrow(/answered 404/)
    await expect(fetchDefinitionText(`${base}/slow`, 200)).rejects.toThrow(/no answer within 0.2 s/)
    await expect(fetchDefinitionText('http://example.com/x.json')).rejects.toThrow(/Only https URLs/)
    await expect(fetchDefinitionText('not a url')).rejects.toThrow(/is not a URL/)
  })
})

describe('the definitions.* calls', () => {
  it('validate their arguments', async () => {
    const { core } = start(bundledDir({}))
    const outcome = await core.dispatch('definitions.import', { files: [] })
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'files' }] } },
    })
  })

  it('return a detail with versions', async () => {
    const { core } = start(bundledDir({ 'acme.json': makeDefinition('acme') }))
    const outcome = await core.dispatch('definitions.get', { integrationId: 'acme' })
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        summary: { integrationId: 'acme', methodCount: 3 },
        versions: [{ version: '1.0.0', current: true }],
      },
    })
    expect(await core.dispatch('definitions.get', { integrationId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
