import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callNames } from '../../src-main/contract/api.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'
import { migrationCount } from '../support/migrations.ts'

let temp: TempCore
beforeEach(() => (temp = createTempCore()))
afterEach(() => temp.dispose())

describe('dispatch', () => {
  it('implements every call of the contract', () => {
    expect(Object.keys(temp.core.handlers).sort()).toEqual([...callNames].sort())
  })

  it('runs a call and returns its result as an ok outcome', async () => {
    const outcome = await temp.core.dispatch('app.info', {})
    expect(outcome).toMatchObject({
      ok: true,
      value: { dataDir: temp.dataDir, schemaVersion: migrationCount },
    })
  })

  it('rejects arguments that break the schema, naming the argument and the rule', async () => {
    const outcome = await temp.core.dispatch('audit.list', { limit: 0, colour: 'red' })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.error.code).toBe('INVALID_ARGUMENT')
    expect(outcome.error.details?.issues).toEqual([
      {
        path: 'colour',
        message:
          'colour is not a field here (known fields: limit, before, clientId, connectionId, kind, since, until).',
      },
      { path: 'limit', message: 'limit must be at least 1.' },
    ])
    expect(outcome.error.message).toBe('Invalid arguments for audit.list (2 problems).')
  })

  it('rejects a wrong type and a non-object', async () => {
    const wrongType = await temp.core.dispatch('audit.list', { limit: 'ten' })
    expect(wrongType).toMatchObject({
      ok: false,
      error: { details: { issues: [{ path: 'limit', message: 'limit must be a whole number.' }] } },
    })
    const notObject = await temp.core.dispatch('audit.list', [1, 2])
    expect(notObject).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('names an unknown call', async () => {
    expect(await temp.core.dispatch('vault.dump', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CALL', message: 'There is no call named "vault.dump".' },
    })
  })

  it('hides unexpected errors behind INTERNAL, without message or stack', async () => {
    const logged: unknown[] = []
    temp.dispose()
    temp = createTempCore({
      logger: { debug() {}, info() {}, warn() {}, error: (...args) => logged.push(args) },
    })
    temp.core.db.$client.exec('DROP TABLE audit_events')
    const outcome = await temp.core.dispatch('audit.list', {})
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong inside Switchboard; the log has the details.',
      },
    })
    expect(JSON.stringify(logged)).toContain('no such table')
  })

  it('never mutates the caller’s arguments when applying defaults', async () => {
    const args = {}
    await temp.core.dispatch('audit.list', args)
    expect(args).toEqual({})
  })
})
