// Patterns from imported schemas run on RE2 (linear time), so a catastrophic-backtracking pattern
// cannot hang the main process on a typed value; what RE2 cannot compile is refused at import.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeDefinition, asFile } from '../support/definitions.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

let temp: TempCore
beforeEach(async () => {
  temp = createTempCore()
  await temp.core.vault.setup('correct horse battery')
  temp.core.clients.create({ name: 'Acme' })
})
afterEach(() => temp.dispose())

// `^(a+)+$` backtracks exponentially on a run of a's that ends in something else: a native RegExp
// needs about 2^n steps, so 40 a's already take minutes and 10,000 would never finish.
const catastrophic = '^(a+)+$'
const hostile = `${'a'.repeat(10_000)}!`

const withPattern = (id: string, pattern: string) =>
  makeDefinition(id, {
    configSchema: {
      type: 'object',
      properties: { account: { type: 'string', pattern } },
      additionalProperties: false,
    },
  })

describe('patterns in imported schemas', () => {
  it('check a catastrophic-backtracking pattern in linear time, and correctly', async () => {
    const report = await temp.core.definitions.importFiles([
      asFile('slow.json', withPattern('slow', catastrophic)),
    ])
    expect(report.files[0]?.status).toBe('imported')
    const create = (account: string) =>
      temp.core.connections.create({
        clientId: 'acme',
        integrationId: 'slow',
        environment: 'sandbox',
        config: { account },
      })
    expect(() => create(hostile)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(temp.core.connections.list()).toEqual([])
    expect(create('a'.repeat(10_000)).config).toEqual({ account: 'a'.repeat(10_000) })
  }, 60_000)

  it('refuses a pattern RE2 cannot compile (a lookahead, a backreference), naming its path', async () => {
    const lookahead = await temp.core.definitions.importFiles([
      asFile('ahead.json', withPattern('ahead', '^(?!admin$)[a-z]+$')),
    ])
    expect(lookahead.files[0]).toMatchObject({
      status: 'rejected',
      issues: [
        {
          path: 'configSchema.properties.account.pattern',
          message: expect.stringContaining('"^(?!admin$)[a-z]+$" cannot be checked in linear time'),
        },
      ],
    })
    const backreference = makeDefinition('back')
    const method = backreference.methods[0]
    if (!method) throw new Error('no method')
    method.inputSchema = {
      type: 'object',
      properties: { itemId: { type: 'string' }, expand: { type: 'boolean' } },
      patternProperties: { '^(x)\\1$': { type: 'string' } },
    }
    const refused = await temp.core.definitions.importFiles([asFile('back.json', backreference)])
    expect(refused.files[0]).toMatchObject({
      status: 'rejected',
      issues: [
        { path: 'methods[0].inputSchema.patternProperties', message: expect.stringContaining('(x)\\1') },
      ],
    })
    expect(temp.core.definitions.has('ahead')).toBe(false)
    expect(temp.core.definitions.has('back')).toBe(false)
  })
})
