// The one message builder, fed by the core's real ajv: sentences with the field's title, the schema's
// description as the hint, anyOf/const noise collapsed, each issue once.
import { describe, expect, it } from 'vitest'
import { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { describePattern } from '../../src-main/contract/schema-messages.ts'
import { createAjv, toIssues } from '../../src-main/core/validation/ajv.ts'
import { createSchemaAjv } from '../../src-main/core/definitions/schema-compiler.ts'

const stripeSecrets = {
  type: 'object',
  properties: {
    apiKey: {
      type: 'string',
      title: 'Secret key',
      description: 'sk_test_… for sandbox, sk_live_… (or a restricted rk_… key) for production.',
      pattern: '^(sk|rk)_(test|live)_',
    },
    webhookSecret: { type: 'string', title: 'Webhook signing secret', minLength: 1 },
    region: { type: 'string', enum: ['eu', 'us'] },
    code: { type: 'string', pattern: '^[A-Z]{3}\\d+$' },
  },
  required: ['apiKey', 'webhookSecret'],
  additionalProperties: false,
}

function issues(schema: object, value: unknown, root = '') {
  const validate = createSchemaAjv().compile(schema)
  validate(structuredClone(value))
  return toIssues(validate.errors, root)
}

describe('schema messages', () => {
  it('use the title, say what is wrong in words and add the description as the hint', () => {
    expect(issues(stripeSecrets, { apiKey: 'pk_live_123', webhookSecret: '' }, 'secrets')).toEqual([
      {
        path: 'secrets.apiKey',
        message:
          'Secret key must start with sk_test_, sk_live_, rk_test_ or rk_live_ — sk_test_… for sandbox, sk_live_… (or a restricted rk_… key) for production.',
      },
      { path: 'secrets.webhookSecret', message: 'Webhook signing secret must not be empty.' },
    ])
  })

  it('name missing and unknown fields, enum values, and never a raw pattern alone', () => {
    expect(issues(stripeSecrets, { region: 'asia', code: 'x', extra: 1 }, 'secrets')).toEqual([
      { path: 'secrets.apiKey', message: 'Secret key is required.' },
      { path: 'secrets.webhookSecret', message: 'Webhook signing secret is required.' },
      {
        path: 'secrets.extra',
        message: 'extra is not a field here (known fields: apiKey, webhookSecret, region, code).',
      },
      { path: 'secrets.region', message: 'region must be one of eu or us.' },
      { path: 'secrets.code', message: 'code is not in the expected form (it must match ^[A-Z]{3}\\d+$).' },
    ])
  })

  it('collapse a union of constants into one line, and a tagged union into its chosen branch', () => {
    const check = createAjv({ useDefaults: false }).compile(IntegrationDefinition)
    const base = {
      integrationId: 'x',
      name: 'X',
      description: '',
      version: '1.0.0',
      configSchema: {},
      methods: [{ id: 'a', name: 'A', description: '', inputSchema: {}, outputSchema: {} }],
    }
    check({ ...base, authType: 'magic' })
    expect(toIssues(check.errors)).toEqual([
      { path: 'authType', message: 'authType must be one of oauth2, apikey, custom or none.' },
    ])
    check({ ...base, authType: 'custom', customAuth: { scheme: 'basic', usernameField: 'u' } })
    expect(toIssues(check.errors)).toEqual([
      { path: 'customAuth.passwordField', message: 'passwordField is required.' },
    ])
    check({ ...base, authType: 'custom', customAuth: { scheme: 'digest' } })
    expect(toIssues(check.errors)).toEqual([
      { path: 'customAuth.scheme', message: 'scheme must be one of basic or headers.' },
    ])
  })

  it('report each issue once', () => {
    const schema = { type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'number' }] } } }
    expect(issues(schema, { a: true })).toEqual([{ path: 'a', message: 'a must be text or a number.' }])
  })

  it('explain simple anchored patterns and leave the others alone', () => {
    expect(describePattern('^acct_')).toBe('must start with acct_')
    expect(describePattern('^(sk|rk)_live_')).toBe('must start with sk_live_ or rk_live_')
    expect(describePattern('^(eu|us)$')).toBe('must be eu or us')
    expect(describePattern('^[a-z]+$')).toBeNull()
    expect(describePattern('acct_')).toBeNull()
  })
})
