import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateDefinition } from '../../src-main/core/definitions/validate.ts'
import { parseDefinitionFile } from '../../src-main/core/definitions/parse.ts'
import { publishedSchemaPath, publishedSchemaText } from '../../scripts/generate-definition-schema.ts'
import { makeDefinition } from '../support/definitions.ts'

const issuesOf = (document: unknown) => {
  const result = validateDefinition(document)
  return result.ok ? [] : result.issues
}

describe('definition validation', () => {
  it('accepts a well-formed definition', () => {
    expect(validateDefinition(makeDefinition('acme'))).toMatchObject({ ok: true })
  })

  it('names a missing field and an unknown authType by JSON path', () => {
    const { name: _name, ...noName } = makeDefinition('acme')
    expect(issuesOf(noName)).toContainEqual({ path: 'name', message: 'name is required.' })
    const issues = issuesOf({ ...makeDefinition('acme'), authType: 'magic' })
    expect(issues.some((issue) => issue.path === 'authType')).toBe(true)
  })

  it('refuses duplicate method ids, pointing at the second', () => {
    const definition = makeDefinition('acme')
    definition.methods[2] = { ...definition.methods[2]!, id: definition.methods[0]!.id }
    expect(issuesOf(definition)).toContainEqual({
      path: 'methods[2].id',
      message: 'id "items.get0" is already the id of methods[0].',
    })
  })

  it('requires oauth2Config exactly when authType is oauth2', () => {
    const missing = issuesOf({ ...makeDefinition('acme'), authType: 'oauth2', apiKeyConfig: undefined })
    expect(missing).toContainEqual({
      path: 'oauth2Config',
      message: 'oauth2Config is required when authType is "oauth2".',
    })
    const extra = issuesOf({
      ...makeDefinition('acme'),
      oauth2Config: { tokenUrl: 'https://example.com/token', scopes: [] },
    })
    expect(extra).toContainEqual({
      path: 'oauth2Config',
      message: 'oauth2Config is only allowed when authType is "oauth2" (it is "apikey").',
    })
  })

  it('refuses a method schema that is not valid JSON Schema', () => {
    const definition = makeDefinition('acme')
    definition.methods[1]!.inputSchema = { type: 'strnig' }
    definition.methods[0]!.outputSchema = { type: 'object', requird: ['id'] }
    const issues = issuesOf(definition)
    expect(issues.find((i) => i.path === 'methods[1].inputSchema')?.message).toMatch(
      /not a valid JSON Schema/,
    )
    expect(issues.find((i) => i.path === 'methods[0].outputSchema')?.message).toMatch(
      /unknown keyword: "requird"/,
    )
  })

  it('checks path parameters, bound fields, JSONata and health checks against the definition', () => {
    const definition = makeDefinition('acme')
    definition.methods[0]!.http = {
      method: 'GET',
      path: '/orders/{orderId}',
      query: ['page'],
      response: '{ "id": ',
    }
    definition.healthCheck = { method: 'nope' }
    const issues = issuesOf(definition)
    expect(issues).toContainEqual({
      path: 'methods[0].http.path',
      message: 'path uses {orderId}, which inputSchema does not define.',
    })
    expect(issues).toContainEqual({
      path: 'methods[0].http.query',
      message: 'query names "page", which inputSchema does not define.',
    })
    expect(issues.find((i) => i.path === 'methods[0].http.response')?.message).toMatch(
      /not a valid JSONata expression/,
    )
    expect(issues).toContainEqual({
      path: 'healthCheck.method',
      message: 'method names "nope", which is not a method of this definition.',
    })
  })

  it('refuses an invalid version', () => {
    expect(issuesOf({ ...makeDefinition('acme'), version: '1.0' }).map((i) => i.path)).toEqual(['version'])
  })

  it('refuses an unknown config template field and a missing secret field', () => {
    const issues = issuesOf({
      ...makeDefinition('acme'),
      api: { baseUrl: { production: 'https://{{config.shop}}.example.com' } },
      apiKeyConfig: { in: 'query', name: 'key', secretField: 'token' },
    })
    expect(issues).toContainEqual({
      path: 'api.baseUrl.production',
      message: 'production uses config.shop, which configSchema does not define.',
    })
    expect(issues).toContainEqual({
      path: 'apiKeyConfig.secretField',
      message: 'secretField names "token", which secretSchema does not define.',
    })
  })
})

describe('definition files', () => {
  it('explains malformed JSON, HTML and oversized files', () => {
    expect(parseDefinitionFile('{"integrationId": ')).toMatchObject({
      kind: 'invalid',
      issues: [{ path: '(root)', message: expect.stringMatching(/^is not valid JSON/) }],
    })
    expect(parseDefinitionFile('<!doctype html><html></html>')).toMatchObject({
      kind: 'invalid',
      issues: [{ message: expect.stringMatching(/HTML/) }],
    })
    expect(parseDefinitionFile('', 100 * 1024 * 1024)).toMatchObject({
      kind: 'invalid',
      issues: [{ message: 'is 100.0 MB; files over 32 MB are refused' }],
    })
  })

  it('recognises a bundle, an array and an OpenAPI document', () => {
    expect(parseDefinitionFile(JSON.stringify({ definitions: [{}, {}] }))).toMatchObject({
      kind: 'definitions',
      paths: ['definitions[0]', 'definitions[1]'],
    })
    expect(parseDefinitionFile('[{}]')).toMatchObject({ kind: 'definitions', paths: ['[0]'] })
    expect(parseDefinitionFile('{"openapi":"3.0.3","paths":{}}')).toMatchObject({ kind: 'openapi' })
  })
})

describe('the published format', () => {
  it('is the generated JSON Schema of the TypeBox source (run `npm run schema` after changing the format)', () => {
    expect(readFileSync(publishedSchemaPath, 'utf8')).toBe(publishedSchemaText())
  })

  it('is referenced by the bundled definitions', () => {
    const stripe = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../definitions/stripe.json'), 'utf8'),
    ) as { $schema: string }
    expect(stripe.$schema).toBe('./schema/integration-definition.schema.json')
  })
})
