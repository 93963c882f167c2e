// The bundled catalog: every file validates with its schemas compiled, and each is a usable,
// real integration (at least 3 methods with HTTP bindings, https endpoints).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { validateDefinition } from '../../src-main/core/definitions/validate.ts'
import { resources } from '../../src-main/core/paths.ts'

const bundledDefinitionsDir = resources().definitionsDir

const files = readdirSync(bundledDefinitionsDir).filter(
  (name) => name.endsWith('.json') && name !== 'connectors.manifest.json',
)
const load = (file: string) =>
  JSON.parse(readFileSync(join(bundledDefinitionsDir, file), 'utf8')) as IntegrationDefinition

describe('bundled catalog', () => {
  it('ships at least 30 integrations', () => {
    expect(files.length).toBeGreaterThanOrEqual(30)
  })

  it.each(files)('%s validates, schemas compiled', (file) => {
    const result = validateDefinition(load(file), { schemas: 'compile' })
    expect(result.ok ? [] : result.issues).toEqual([])
    expect(`${load(file).integrationId}.json`).toBe(file)
  })

  it.each(files)('%s has at least 3 HTTP methods and only https endpoints', (file) => {
    const definition = load(file)
    expect(definition.methods.filter((m) => m.http).length).toBeGreaterThanOrEqual(3)
    const urls = [
      definition.docsUrl,
      definition.api?.baseUrl.production,
      definition.api?.baseUrl.sandbox,
      definition.oauth2Config?.authorizationUrl,
      definition.oauth2Config?.tokenUrl,
      definition.oauth2Config?.revocationUrl,
    ].filter((url): url is string => Boolean(url))
    for (const url of urls) expect(url, url).toMatch(/^https:\/\//)
    if (definition.authType === 'oauth2') expect(definition.oauth2Config?.scopes).toBeDefined()
    expect(definition.healthCheck?.method, 'a health check').toBeTruthy()
  })
})
