// The Definitions page's pure helpers: the CSP-safe form validator and the schema-to-table rows.
import { describe, expect, it } from 'vitest'
import type { RJSFSchema } from '@rjsf/utils'
import {
  createPreviewValidator,
  validateValue,
} from '../../src-renderer/pages/definitions/preview-validator.ts'
import { schemaRows, schemaRules, typeLabel } from '../../src-renderer/pages/definitions/schema-rows.ts'

describe('the preview validator (interprets schemas, never compiles them)', () => {
  const account: RJSFSchema = {
    type: 'object',
    properties: {
      accountId: { type: 'string', pattern: '^acct_' },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      region: { enum: ['eu', 'us'] },
    },
    required: ['accountId'],
    additionalProperties: false,
  }

  it('reports each failure with its data path', () => {
    expect(validateValue(account, { accountId: 'acct_1', limit: 10, region: 'eu' })).toEqual([])
    const issues = validateValue(account, { accountId: 'cus_1', limit: 1000, region: 'mars', extra: 1 })
    expect(issues.map((issue) => [issue.path.join('.'), issue.keyword])).toEqual([
      ['accountId', 'pattern'],
      ['limit', 'maximum'],
      ['region', 'enum'],
      ['extra', 'additionalProperties'],
    ])
    expect(validateValue(account, {})).toMatchObject([{ path: ['accountId'], keyword: 'required' }])
    expect(validateValue(account, { accountId: 'acct_1', limit: 1.5 })).toMatchObject([
      { path: ['limit'], keyword: 'type' },
    ])
  })

  it('understands oneOf, anyOf, if/then/else, allOf, not and local $refs', () => {
    const refund: RJSFSchema = {
      type: 'object',
      properties: { payment_intent: { type: 'string' }, charge: { type: 'string' } },
      oneOf: [{ required: ['payment_intent'] }, { required: ['charge'] }],
    }
    expect(validateValue(refund, { charge: 'ch_1' })).toEqual([])
    expect(validateValue(refund, {})[0]?.keyword).toBe('oneOf')
    expect(validateValue(refund, { charge: 'ch_1', payment_intent: 'pi_1' })[0]?.keyword).toBe('oneOf')

    const conditional: RJSFSchema = {
      type: 'object',
      properties: { mode: { type: 'string' }, host: { type: 'string' } },
      if: { properties: { mode: { const: 'custom' } }, required: ['mode'] },
      then: { required: ['host'] },
      else: { not: { required: ['host'] } },
    }
    expect(validateValue(conditional, { mode: 'custom', host: 'x' })).toEqual([])
    expect(validateValue(conditional, { mode: 'custom' })).toMatchObject([{ path: ['host'] }])
    expect(validateValue(conditional, { mode: 'cloud', host: 'x' })[0]?.keyword).toBe('not')

    const withRefs: RJSFSchema = {
      definitions: { shop: { type: 'string', minLength: 3 } },
      type: 'object',
      properties: {
        shop: { $ref: '#/definitions/shop' },
        tags: { type: 'array', items: { $ref: '#/definitions/shop' } },
      },
      anyOf: [{ required: ['shop'] }, { required: ['tags'] }],
      allOf: [{ properties: { tags: { maxItems: 2 } } }],
    }
    expect(validateValue(withRefs, { shop: 'acme' })).toEqual([])
    expect(validateValue(withRefs, {})[0]?.keyword).toBe('anyOf')
    expect(validateValue(withRefs, { tags: ['ok-tag', 'no', 'x3x'] }).map((i) => i.path.join('.'))).toEqual([
      'tags.1',
      'tags',
    ])
  })

  it('gives RJSF its errors and error schema, and answers isValid', () => {
    const validator = createPreviewValidator()
    const result = validator.validateFormData({ accountId: 'nope' }, account)
    expect(result.errors).toMatchObject([
      { name: 'pattern', property: '.accountId', message: 'must match pattern "^acct_"' },
    ])
    expect(result.errorSchema).toEqual({ accountId: { __errors: ['must match pattern "^acct_"'] } })
    expect(validator.isValid(account, { accountId: 'acct_9' }, account)).toBe(true)
    expect(validator.isValid({ $ref: '#/properties/limit' }, 0, account)).toBe(false)
  })
})

describe('schema rows', () => {
  const output = {
    type: 'object',
    properties: {
      customers: {
        type: 'array',
        description: 'Newest first.',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            email: { type: ['string', 'null'], format: 'email' },
            address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
          required: ['id'],
        },
      },
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
    },
    required: ['customers'],
    oneOf: [{ required: ['a'] }, { required: ['b', 'c'] }],
    additionalProperties: false,
  }

  it('flattens nested objects and arrays of objects into indented rows', () => {
    expect(
      schemaRows(output).map((row) => [row.key, row.depth, row.type, row.required, row.notes.join('; ')]),
    ).toEqual([
      ['customers', 0, 'array of object', true, ''],
      ['customers[].id', 1, 'string', true, ''],
      ['customers[].email', 1, 'string | null', false, 'format email'],
      ['customers[].address', 1, 'object', false, ''],
      ['customers[].address.city', 2, 'string', true, ''],
      ['limit', 0, 'integer', false, '1 – 100; default 10'],
    ])
    expect(schemaRows(output)[0]?.description).toBe('Newest first.')
  })

  it('names root rules and types in words', () => {
    expect(schemaRules(output)).toEqual(['Exactly one of: a or b + c', 'No other fields are accepted.'])
    expect(typeLabel({})).toBe('any')
    expect(typeLabel({ $ref: '#/definitions/Customer' })).toBe('Customer')
    expect(typeLabel({ oneOf: [{ type: 'string' }, { type: 'integer' }] })).toBe('string | integer')
    expect(schemaRows({ type: 'object', properties: {} })).toEqual([])
  })
})
