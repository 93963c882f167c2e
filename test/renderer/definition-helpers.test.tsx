// The CSP-safe form validator (an RJSF adapter over @cfworker/json-schema) and the Definitions page's
// schema-to-table rows.
import { describe, expect, it, vi } from 'vitest'
import type { RJSFSchema } from '@rjsf/utils'
import { CspSafeValidator, validator } from '../../src-renderer/forms/csp-safe-validator.ts'
import { schemaRows, schemaRules, typeLabel } from '../../src-renderer/pages/definitions/schema-rows.ts'

/** [property, keyword, message] of each error RJSF would show. */
const errorsOf = (schema: RJSFSchema, formData: unknown) =>
  validator
    .validateFormData(formData, schema)
    .errors.map((error) => [error.property, error.name, error.message])

describe('the CSP-safe validator (interprets schemas, never compiles them)', () => {
  const account: RJSFSchema = {
    type: 'object',
    properties: {
      accountId: { type: 'string', pattern: '^acct_' },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      region: { enum: ['eu', 'us'] },
      tags: { type: 'array', items: { type: 'string', minLength: 2 } },
    },
    required: ['accountId'],
    additionalProperties: false,
  }

  it('puts each failure on its field, as a leaf error with a readable message', () => {
    expect(errorsOf(account, { accountId: 'acct_1', limit: 10, region: 'eu' })).toEqual([])
    expect(
      errorsOf(account, { accountId: 'cus_1', limit: 1000, region: 'mars', tags: ['ok', 'x'], extra: 1 }),
    ).toEqual([
      ['.accountId', 'pattern', 'accountId must start with acct_.'],
      ['.limit', 'maximum', 'limit must be at most 100.'],
      ['.region', 'enum', 'region must be one of eu or us.'],
      ['.tags.1', 'minLength', 'tags[1] must be at least 2 characters long.'],
      [
        '.extra',
        'additionalProperties',
        'extra is not a field here (known fields: accountId, limit, region, tags).',
      ],
    ])
    expect(errorsOf(account, {})).toEqual([['.accountId', 'required', 'accountId is required.']])
    expect(errorsOf(account, { accountId: 'acct_1', limit: 1.5 })).toEqual([
      ['.limit', 'type', 'limit must be a whole number.'],
    ])
    expect(errorsOf(account, { accountId: 'acct_1', limit: 0 })).toEqual([
      ['.limit', 'minimum', 'limit must be at least 1.'],
    ])
    // Cleared fields come back undefined from RJSF: they count as missing, not as invalid.
    expect(errorsOf(account, { accountId: undefined, limit: undefined })).toEqual([
      ['.accountId', 'required', 'accountId is required.'],
    ])
  })

  it('understands oneOf, anyOf, if/then/else, allOf, not and $refs to #/definitions', () => {
    const refund: RJSFSchema = {
      type: 'object',
      properties: { payment_intent: { type: 'string' }, charge: { type: 'string' } },
      oneOf: [{ required: ['payment_intent'] }, { required: ['charge'] }],
    }
    expect(errorsOf(refund, { charge: 'ch_1' })).toEqual([])
    // The options' own failures stay out: the summary says it better.
    expect(errorsOf(refund, {})).toEqual([
      ['', 'oneOf', 'The value needs exactly one of payment_intent or charge.'],
    ])
    expect(errorsOf(refund, { charge: 'ch_1', payment_intent: 'pi_1' })).toEqual([
      ['', 'oneOf', 'The value matches more than one of the allowed forms.'],
    ])

    const conditional: RJSFSchema = {
      type: 'object',
      properties: { mode: { type: 'string' }, host: { type: 'string' } },
      if: { properties: { mode: { const: 'custom' } }, required: ['mode'] },
      then: { required: ['host'] },
      else: { not: { required: ['host'] } },
    }
    expect(errorsOf(conditional, { mode: 'custom', host: 'x' })).toEqual([])
    expect(errorsOf(conditional, { mode: 'custom' })).toEqual([['.host', 'required', 'host is required.']])
    expect(errorsOf(conditional, { mode: 'cloud', host: 'x' })).toEqual([
      ['', 'not', 'The value is not allowed.'],
    ])

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
    expect(errorsOf(withRefs, { shop: 'acme' })).toEqual([])
    expect(errorsOf(withRefs, {})).toEqual([['', 'anyOf', 'The value needs at least one of shop or tags.']])
    expect(errorsOf(withRefs, { shop: 'ac', tags: ['ok-tag', 'no', 'x3x'] })).toEqual([
      ['.tags', 'maxItems', 'tags must have at most 2 items.'],
      ['.shop', 'minLength', 'shop must be at least 3 characters long.'],
      ['.tags.1', 'minLength', 'tags[1] must be at least 3 characters long.'],
    ])
  })

  it('words errors with the shared message builder: titles, and no hint where the form shows it', () => {
    const secrets: RJSFSchema = {
      type: 'object',
      properties: {
        apiKey: {
          type: 'string',
          title: 'Secret key',
          description: 'sk_test_… for sandbox, sk_live_… for production.',
          pattern: '^sk_(test|live)_',
        },
      },
      required: ['apiKey'],
    }
    expect(errorsOf(secrets, { apiKey: 'pk_live_1' })).toEqual([
      ['.apiKey', 'pattern', 'Secret key must start with sk_test_ or sk_live_.'],
    ])
    expect(errorsOf(secrets, {})).toEqual([['.apiKey', 'required', 'Secret key is required.']])
  })

  it('gives RJSF its error schema and runs transformErrors and customValidate', () => {
    const result = validator.validateFormData({ accountId: 'nope' }, account)
    expect(result.errors).toMatchObject([
      { name: 'pattern', property: '.accountId', message: 'accountId must start with acct_.' },
    ])
    expect(result.errorSchema).toEqual({ accountId: { __errors: ['accountId must start with acct_.'] } })

    const shouted = validator.validateFormData({ accountId: 'nope' }, account, undefined, (errors) =>
      errors.map((error) => ({ ...error, message: error.message?.toUpperCase() })),
    )
    expect(shouted.errorSchema).toEqual({ accountId: { __errors: ['ACCOUNTID MUST START WITH ACCT_.'] } })

    const custom = validator.validateFormData({ accountId: 'acct_1', limit: 7 }, account, (data, errors) => {
      if (data?.limit === 7) errors.limit?.addError('seven is unlucky')
      return errors
    })
    expect(custom.errors).toMatchObject([{ property: '.limit', message: 'seven is unlucky' }])
    expect(custom.errorSchema).toMatchObject({ limit: { __errors: ['seven is unlucky'] } })
  })

  it('answers isValid, which RJSF uses to pick oneOf/anyOf options, with refs into the root schema', () => {
    expect(validator.isValid(account, { accountId: 'acct_9' }, account)).toBe(true)
    expect(validator.isValid({ $ref: '#/properties/limit' }, 0, account)).toBe(false)
    expect(validator.isValid({ $ref: '#/properties/limit' }, 5, account)).toBe(true)
    // A broken schema is never valid (and does not throw).
    expect(validator.isValid({ $ref: '#/definitions/missing' }, 5, account)).toBe(false)
    expect(validator.isValid({ type: 'string', pattern: '(' }, 'x', account)).toBe(false)

    const plans: RJSFSchema = {
      definitions: { host: { type: 'string', pattern: '^https://' } },
      type: 'object',
      oneOf: [
        { properties: { plan: { const: 'cloud' } } },
        { properties: { plan: { const: 'self-hosted' }, host: { $ref: '#/definitions/host' } } },
      ],
    }
    const [cloud, selfHosted] = plans.oneOf as RJSFSchema[]
    expect(validator.isValid(cloud!, { plan: 'cloud' }, plans)).toBe(true)
    expect(validator.isValid(selfHosted!, { plan: 'cloud' }, plans)).toBe(false)
    expect(validator.isValid(selfHosted!, { plan: 'self-hosted', host: 'https://x' }, plans)).toBe(true)
    expect(validator.isValid(selfHosted!, { plan: 'self-hosted', host: 'ftp://x' }, plans)).toBe(false)
    // A separate instance behaves the same: the validator keeps no state between calls.
    expect(
      new CspSafeValidator().isValid(selfHosted!, { plan: 'self-hosted', host: 'https://x' }, plans),
    ).toBe(true)
    // The caller's schema is left as it was (cfworker annotates the copies it is given).
    expect(JSON.stringify(plans)).not.toContain('__absolute')
    expect(Object.getOwnPropertyNames(selfHosted!)).toEqual(['properties'])
  })

  it('never generates code', () => {
    const evalSpy = vi.spyOn(globalThis, 'eval')
    const FunctionSpy = vi.spyOn(globalThis, 'Function')
    validator.validateFormData({ accountId: 'cus_1', limit: 1000 }, account)
    validator.isValid({ oneOf: [{ type: 'string' }, { type: 'integer' }] }, 3, account)
    expect(evalSpy).not.toHaveBeenCalled()
    expect(FunctionSpy).not.toHaveBeenCalled()
    vi.restoreAllMocks()
  })

  it('reports a broken schema instead of throwing', () => {
    const broken: RJSFSchema = { type: 'object', properties: { a: { $ref: '#/definitions/nowhere' } } }
    const result = validator.validateFormData({ a: 1 }, broken)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]?.stack).toContain('Unresolved $ref')
    expect(result.errorSchema).toMatchObject({
      $schema: { __errors: [expect.stringContaining('Unresolved $ref')] },
    })
    expect(validator.rawValidation(broken, { a: 1 }).validationError).toBeInstanceOf(Error)
    expect(validator.rawValidation(account, {}).errors).toMatchObject([{ keyword: 'required' }])
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
