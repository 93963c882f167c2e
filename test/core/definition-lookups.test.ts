// Lookups that never go stale and always name the version, against a real SQLite file: a forced
// re-import of the same version is seen at once (document, methods, validators, expressions), and a
// connection pinned to an older version keeps getting that version's parts while a newer one is
// current — in the same process and after a restart on the same data folder.
import { afterEach, describe, expect, it } from 'vitest'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { asFile, makeDefinition } from '../support/definitions.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

function start(dataDir = tempDir()): TempCore {
  const temp = createTempCore({ dataDir, definitionsDir: tempDir('switchboard-no-defs-') })
  cleanups.push(() => temp.core.close())
  return temp
}

/** acme with one knob turned: the input's minimum length, the config default, the path, the mapping. */
function acme(version: string, knob: { minLength: number; region: string; path: string; response: string }) {
  const definition = makeDefinition('acme', { version }, 2)
  // A schema with an $id: compiling a second document's copy would clash inside ajv if the first
  // one's compiled schema were not dropped with its content.
  definition.configSchema = {
    $id: 'https://schemas.example.com/acme/config',
    type: 'object',
    properties: { region: { type: 'string', default: knob.region } },
  }
  const method = definition.methods[0] as IntegrationDefinition['methods'][number]
  method.inputSchema = {
    type: 'object',
    properties: { itemId: { type: 'string', minLength: knob.minLength } },
    required: ['itemId'],
  }
  method.http = { method: 'GET', path: knob.path, response: knob.response }
  return definition
}

const v1 = { minLength: 1, region: 'eu', path: '/v1/items/{itemId}', response: '{ "id": id }' }
const v1fixed = {
  minLength: 3,
  region: 'us',
  path: '/v1.1/items/{itemId}',
  response: '{ "id": $string(id) }',
}
const v2 = { minLength: 5, region: 'ap', path: '/v2/items/{itemId}', response: '{ "id": uid }' }

describe('a forced re-import of the same version', () => {
  it('changes what every lookup returns at once, without a restart', async () => {
    const { core } = start()
    expect(
      (await core.definitions.importFiles([asFile('acme.json', acme('1.0.0', v1))])).files[0]?.issues,
    ).toEqual([])
    const d = core.definitions
    // Warm every cache.
    expect(d.current('acme').methods[0]?.http?.path).toBe('/v1/items/{itemId}')
    expect(d.getMethod('acme', '1.0.0', 'items.get0').http?.path).toBe('/v1/items/{itemId}')
    const input = d.validatorFor('acme', '1.0.0', 'items.get0', 'input')
    expect(input({ itemId: 'ab' })).toBe(true)
    const config = d.schemaValidator('acme', '1.0.0', 'config')
    const filled: Record<string, unknown> = {}
    config(filled)
    expect(filled).toEqual({ region: 'eu' })
    expect(await d.expressionFor('acme', '1.0.0', 'items.get0', 'response')?.evaluate({ id: 7 })).toEqual({
      id: 7,
    })
    const hashBefore = d.contentHashOf('acme', '1.0.0')

    const report = await d.importFiles([asFile('acme-fixed.json', acme('1.0.0', v1fixed))], { force: true })
    expect(report.files[0]).toMatchObject({ status: 'upgraded', issues: [] })

    expect(d.contentHashOf('acme', '1.0.0')).not.toBe(hashBefore)
    expect(d.current('acme').methods[0]?.http?.path).toBe('/v1.1/items/{itemId}')
    expect(d.get('acme', '1.0.0').methods[0]?.http?.path).toBe('/v1.1/items/{itemId}')
    expect(d.getMethod('acme', '1.0.0', 'items.get0').http?.path).toBe('/v1.1/items/{itemId}')
    const newInput = d.validatorFor('acme', '1.0.0', 'items.get0', 'input')
    expect(newInput).not.toBe(input)
    expect(newInput({ itemId: 'ab' })).toBe(false)
    expect(newInput({ itemId: 'abc' })).toBe(true)
    const refilled: Record<string, unknown> = {}
    d.schemaValidator('acme', '1.0.0', 'config')(refilled)
    expect(refilled).toEqual({ region: 'us' })
    expect(await d.expressionFor('acme', '1.0.0', 'items.get0', 'response')?.evaluate({ id: 7 })).toEqual({
      id: '7',
    })
  })

  it('is seen by a connection made with that version: its config defaults follow the new document', async () => {
    const { core } = start()
    await core.vault.setup('correct horse battery')
    expect(
      (await core.definitions.importFiles([asFile('acme.json', acme('1.0.0', v1))])).files[0]?.issues,
    ).toEqual([])
    core.clients.create({ name: 'Client' })
    const made = core.connections.create({
      clientId: 'client',
      integrationId: 'acme',
      environment: 'sandbox',
      secrets: { apiKey: 'k-1' },
    })
    expect(made.config).toEqual({ region: 'eu' })
    await core.definitions.importFiles([asFile('acme-fixed.json', acme('1.0.0', v1fixed))], { force: true })
    expect(core.connections.updateConfig(made.id, {}).config).toEqual({ region: 'us' })
  })
})

describe('a connection pinned to an older version', () => {
  it('gets its own version’s method, validators and expressions while a newer version is current', async () => {
    const dataDir = tempDir()
    const first = start(dataDir)
    await first.core.vault.setup('correct horse battery')
    await first.core.definitions.importFiles([asFile('acme.json', acme('1.0.0', v1))])
    first.core.clients.create({ name: 'Client' })
    const pinned = first.core.connections.create({
      clientId: 'client',
      integrationId: 'acme',
      environment: 'sandbox',
      secrets: { apiKey: 'k-1' },
    })
    // Warm the 1.0.0 caches, then make 2.0.0 current.
    first.core.definitions.validatorFor('acme', '1.0.0', 'items.get0', 'input')
    await first.core.definitions.importFiles([asFile('acme-2.json', acme('2.0.0', v2))])

    const check = async (core: TempCore['core']) => {
      const d = core.definitions
      expect(d.summaryOf('acme').version).toBe('2.0.0')
      const connection = core.connections.get(pinned.id)
      expect(connection.definitionVersion).toBe('1.0.0')
      const version = connection.definitionVersion
      expect(d.getMethod('acme', version, 'items.get0').http?.path).toBe('/v1/items/{itemId}')
      expect(d.getMethod('acme', '2.0.0', 'items.get0').http?.path).toBe('/v2/items/{itemId}')
      expect(d.validatorFor('acme', version, 'items.get0', 'input')({ itemId: 'ab' })).toBe(true)
      expect(d.validatorFor('acme', '2.0.0', 'items.get0', 'input')({ itemId: 'ab' })).toBe(false)
      expect(
        await d.expressionFor('acme', version, 'items.get0', 'response')?.evaluate({ id: 1, uid: 2 }),
      ).toEqual({ id: 1 })
      expect(
        await d.expressionFor('acme', '2.0.0', 'items.get0', 'response')?.evaluate({ id: 1, uid: 2 }),
      ).toEqual({ id: 2 })
      // The connection's config is checked against its own version's schema (default eu, not ap).
      expect(core.connections.updateConfig(pinned.id, {}).config).toEqual({ region: 'eu' })
      expect(() => d.getMethod('acme', '3.0.0', 'items.get0')).toThrow('acme has no kept version 3.0.0.')
      expect(() => d.getMethod('acme', version, 'nope')).toThrow('acme 1.0.0 has no method "nope".')
    }
    await check(first.core)
    first.core.close()
    // The same answers from a new process's view of the same SQLite file.
    const again = start(dataDir).core
    // A new process opens the vault before it changes anything (every change is recorded with its key).
    await again.vault.unlock('correct horse battery')
    await check(again)
  })
})
