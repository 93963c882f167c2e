// The OpenAPI/Swagger importer: GitHub's whole description, small documents mapped field by field,
// $ref cycles and malformed documents refused with INVALID_ARGUMENT, and every schema it writes
// compiled by a strict ajv.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Ajv } from 'ajv'
import { beforeAll, describe, expect, it } from 'vitest'
import { IntegrationDefinition, type MethodDefinition } from '../../src-main/contract/definition-format.ts'
import { definitionFromOpenApi, importOpenApi } from '../../src-main/core/definitions/openapi/index.ts'
import { validateDefinition } from '../../src-main/core/definitions/validate.ts'
import { AppError } from '../../src-main/core/errors.ts'
import { createAjv } from '../../src-main/core/validation/ajv.ts'

const root = join(import.meta.dirname, '../..')
const githubPath = join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json')

/** A strict ajv for embedded schemas: unknown keywords and formats are errors, defaults are applied. */
function strictSchemaAjv(): Ajv {
  const ajv = createAjv({ strictTypes: false, strictTuples: false, strictRequired: false })
  for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'])
    ajv.addFormat(format, true)
  return ajv
}

const formatCheck = createAjv({ useDefaults: false }).compile(IntegrationDefinition)

function expectValidFormat(definition: unknown): void {
  const valid = formatCheck(definition)
  expect(formatCheck.errors ?? []).toEqual([])
  expect(valid).toBe(true)
}

/** Compiles each method's input and output schema, collecting failures rather than stopping. */
function compileFailures(methods: MethodDefinition[], ajv = strictSchemaAjv()): string[] {
  const failures: string[] = []
  for (const method of methods) {
    for (const key of ['inputSchema', 'outputSchema'] as const) {
      try {
        ajv.compile(method[key])
      } catch (error) {
        failures.push(`${method.id}.${key}: ${(error as Error).message}`)
      }
    }
  }
  return failures
}

/** The AppError a call rejects with. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

const methodById = (methods: MethodDefinition[], id: string): MethodDefinition => {
  const method = methods.find((candidate) => candidate.id === id)
  if (!method) throw new Error(`no method ${id}; have ${methods.map((m) => m.id).join(', ')}`)
  return method
}

const json = (schema: object) => ({ content: { 'application/json': { schema } } })

describe("GitHub's OpenAPI description", () => {
  let document: Record<string, unknown>
  let text: string
  let definition: IntegrationDefinition
  let warnings: { path: string; message: string }[]
  let seconds: number

  beforeAll(async () => {
    text = readFileSync(githubPath, 'utf8')
    document = JSON.parse(text) as Record<string, unknown>
    const started = performance.now()
    ;({ definition, warnings } = await importOpenApi(document))
    seconds = (performance.now() - started) / 1000
    console.log(`GitHub: ${definition.methods.length} methods in ${seconds.toFixed(2)} s`)
  }, 180_000)

  it('imports every operation as a method, with unique ids and its own verb and path', () => {
    const operations: string[] = []
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const verb of Object.keys(item)) {
        if (['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(verb)) {
          operations.push(`${verb.toUpperCase()} ${path}`)
        }
      }
    }
    expect(operations.length).toBeGreaterThan(1000)
    expect(definition.methods).toHaveLength(operations.length)
    expect(definition.methods.map((method) => `${method.http?.method} ${method.http?.path}`).sort()).toEqual(
      operations.sort(),
    )
    expect(new Set(definition.methods.map((method) => method.id)).size).toBe(operations.length)
  })

  it('maps the document settings and a typical method', () => {
    expect(definition).toMatchObject({
      integrationId: 'github-rest',
      version: (document.info as { version: string }).version,
      docsUrl: 'https://docs.github.com/rest/',
      authType: 'none',
      api: { baseUrl: { production: 'https://api.github.com' } },
      healthCheck: { method: 'meta.root' },
    })
    const list = methodById(definition.methods, 'repos.list-for-org')
    expect(list).toMatchObject({ name: 'List organization repositories', kind: 'read', idempotent: true })
    expect(list.http).toEqual({
      method: 'GET',
      path: '/orgs/{org}/repos',
      query: ['type', 'sort', 'direction', 'per_page', 'page'],
    })
    expect(list.inputSchema).toMatchObject({ required: ['org'], additionalProperties: false })
    expect(list.outputSchema).toMatchObject({ type: 'array' })
    const create = methodById(definition.methods, 'repos.create-in-org')
    expect(create.http).toMatchObject({ method: 'POST', path: '/orgs/{org}/repos' })
    expect(create.http?.body).toContain('name')
    expect(create.inputSchema).toMatchObject({ required: ['org', 'name'] })
  })

  it('warns about the one thing it cannot express: an operation on another server', () => {
    expect(warnings).toEqual([
      {
        path: 'paths./repos/{owner}/{repo}/releases/{release_id}/assets.post.servers',
        message:
          "names its own server (https://uploads.github.com); the method is called on the definition's base URL",
      },
    ])
  })

  it('validates against the definition format and the project validator', () => {
    expectValidFormat(definition)
    const check = validateDefinition(JSON.parse(JSON.stringify(definition)), { schemas: 'meta' })
    expect(check.issues).toEqual([])
  })

  it('writes input and output schemas that all compile with a strict ajv', () => {
    expect(compileFailures(definition.methods)).toEqual([])
  }, 300_000)

  // How fast is measured in bench/ (definitions and import-peers cases), never here.
  it('leaves the document unchanged', () => {
    expect(JSON.stringify(document)).toBe(JSON.stringify(JSON.parse(text)))
  })

  it('converts a document handed over (consume, as the importer does) to the same definition', async () => {
    const handedOver = JSON.parse(text) as Record<string, unknown>
    const consumed = await importOpenApi(handedOver, { consume: true })
    expect(JSON.stringify(consumed.definition)).toBe(JSON.stringify(definition))
    expect(consumed.warnings).toEqual(warnings)
    // Dereferenced in place: the $refs it held are gone from the object itself.
    expect(JSON.stringify(handedOver)).not.toContain('"$ref"')
  }, 180_000)
})

const petStore = () => ({
  openapi: '3.0.3',
  info: { title: 'Pet Store', version: '2.1.0', description: 'Pets, for sale.' },
  externalDocs: { url: 'https://docs.example.com/pets' },
  servers: [
    {
      url: 'https://{region}.api.example.com/v1/',
      variables: { region: { default: 'eu', enum: ['eu', 'us'], description: 'Data region' } },
    },
    { url: 'https://sandbox.example.com/v1', description: 'Sandbox' },
  ],
  security: [{ petAuth: ['pets:read'] }],
  components: {
    securitySchemes: {
      petAuth: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://auth.example.com/authorize',
            tokenUrl: 'https://auth.example.com/token',
            scopes: { 'pets:read': 'Read pets', 'pets:write': 'Change pets' },
          },
        },
      },
    },
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name'],
        'x-internal': true,
        discriminator: { propertyName: 'kind' },
        properties: {
          id: { type: 'integer', format: 'int64', readOnly: true },
          name: { type: 'string', example: 'Rex' },
          kind: { type: 'string' },
          tag: { type: 'string', nullable: true, 'x-go-name': 'Tag' },
          status: { type: 'string', enum: ['available', 'sold'], nullable: true, deprecated: true },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
          weight: { type: 'number', format: 'kilograms', minimum: 0, exclusiveMinimum: true },
        },
      },
      Owner: {
        type: 'object',
        xml: { name: 'owner' },
        externalDocs: { url: 'https://docs.example.com/owners' },
        properties: { name: { type: 'string', default: 'nobody' } },
      },
      NewPet: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          tag: { type: 'string' },
          age: { type: 'integer', maximum: 30, exclusiveMaximum: true },
        },
      },
    },
  },
  paths: {
    '/pets/{petId}': {
      parameters: [
        { name: 'petId', in: 'path', required: true, schema: { type: 'string' }, description: 'The pet' },
      ],
      get: {
        operationId: 'pets/get',
        summary: 'Get a pet',
        parameters: [
          { name: 'expand', in: 'query', schema: { type: 'boolean' } },
          { name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'Accept', in: 'header', schema: { type: 'string' } },
          { name: 'session', in: 'cookie', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'The pet', ...json({ $ref: '#/components/schemas/Pet' }) },
          default: { description: 'An error', ...json({ type: 'object' }) },
        },
      },
      put: {
        operationId: 'pets/update',
        summary: 'Update a pet',
        security: [{ petAuth: ['pets:write'] }],
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/NewPet' }) },
        responses: { '200': { description: 'The pet', ...json({ $ref: '#/components/schemas/Pet' }) } },
      },
      delete: {
        operationId: 'pets/delete',
        summary: 'Delete a pet',
        deprecated: true,
        responses: { '204': { description: 'Gone' } },
      },
    },
    '/pets': {
      post: {
        summary: 'Add pets',
        requestBody: {
          description: 'The pets to add',
          ...json({ type: 'array', items: { $ref: '#/components/schemas/NewPet' } }),
        },
        responses: {
          '201': {
            description: 'Added',
            ...json({ type: 'array', items: { $ref: '#/components/schemas/Pet' } }),
          },
          '202': {
            description: 'Queued',
            ...json({ type: 'object', properties: { job: { type: 'string' } } }),
          },
        },
      },
      head: { responses: { '200': { description: 'There are pets' } } },
    },
  },
})

describe('an OpenAPI 3.0 document', () => {
  let result: Awaited<ReturnType<typeof importOpenApi>>
  let original: ReturnType<typeof petStore>
  let document: ReturnType<typeof petStore>

  beforeAll(async () => {
    original = petStore()
    document = petStore()
    result = await importOpenApi(document)
  })

  it('maps info, servers and the oauth2 scheme', () => {
    const { methods: _methods, ...rest } = result.definition
    expect(rest).toEqual({
      integrationId: 'pet-store',
      name: 'Pet Store',
      description: 'Pets, for sale.',
      version: '2.1.0',
      category: 'other',
      docsUrl: 'https://docs.example.com/pets',
      authType: 'oauth2',
      oauth2Config: {
        authorizationUrl: 'https://auth.example.com/authorize',
        tokenUrl: 'https://auth.example.com/token',
        scopes: ['pets:read', 'pets:write'],
      },
      api: {
        baseUrl: {
          production: 'https://{{config.region}}.api.example.com/v1',
          sandbox: 'https://sandbox.example.com/v1',
        },
      },
      configSchema: {
        type: 'object',
        properties: {
          region: {
            type: 'string',
            title: 'region',
            description: 'Data region',
            enum: ['eu', 'us'],
            default: 'eu',
          },
        },
        additionalProperties: false,
      },
      secretSchema: {
        type: 'object',
        properties: {
          clientId: { type: 'string', title: 'Client ID', minLength: 1 },
          clientSecret: { type: 'string', title: 'Client secret', minLength: 1 },
        },
        required: ['clientId'],
        additionalProperties: false,
      },
    })
    expect(result.definition.healthCheck).toBeUndefined()
  })

  it('maps path, query and header parameters and binds them', () => {
    const get = methodById(result.definition.methods, 'pets.get')
    expect(get).toMatchObject({ name: 'Get a pet', kind: 'read', idempotent: true, scopes: ['pets:read'] })
    expect(get.http).toEqual({
      method: 'GET',
      path: '/pets/{petId}',
      query: ['expand'],
      headers: { 'X-Request-Id': 'X-Request-Id' },
    })
    expect(get.inputSchema).toEqual({
      type: 'object',
      properties: {
        petId: { type: 'string', description: 'The pet' },
        expand: { type: 'boolean' },
        'X-Request-Id': { type: 'string', format: 'uuid' },
      },
      required: ['petId', 'X-Request-Id'],
      additionalProperties: false,
    })
  })

  it('converts OpenAPI schema keywords to strict draft-07', () => {
    const get = methodById(result.definition.methods, 'pets.get')
    expect(get.outputSchema).toEqual({
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: { type: 'integer', format: 'int64', readOnly: true },
        name: { type: 'string', examples: ['Rex'] },
        kind: { type: 'string' },
        tag: { type: ['string', 'null'] },
        status: { type: ['string', 'null'], enum: ['available', 'sold', null] },
        owner: {
          anyOf: [
            { type: 'null' },
            // Inside anyOf ajv cannot apply defaults, so Owner's default is left out here.
            { allOf: [{ type: 'object', properties: { name: { type: 'string' } } }] },
          ],
        },
        weight: { type: 'number', exclusiveMinimum: 0 },
      },
    })
  })

  it('flattens an object body into top-level fields, required when the body is', () => {
    const update = methodById(result.definition.methods, 'pets.update')
    expect(update).toMatchObject({ kind: 'write', idempotent: true, scopes: ['pets:write'] })
    expect(update.http).toEqual({ method: 'PUT', path: '/pets/{petId}', body: ['name', 'tag', 'age'] })
    expect(update.inputSchema).toEqual({
      type: 'object',
      properties: {
        petId: { type: 'string', description: 'The pet' },
        name: { type: 'string', minLength: 1 },
        tag: { type: 'string' },
        age: { type: 'integer', exclusiveMaximum: 30 },
      },
      required: ['petId', 'name'],
      additionalProperties: false,
    })
  })

  it('sends any other body as one field, synthesizes a missing operationId, and unions differing 2xx outputs', () => {
    const add = methodById(result.definition.methods, 'post.pets')
    expect(add).toMatchObject({ name: 'Add pets', kind: 'write', idempotent: false })
    expect(add.http).toEqual({ method: 'POST', path: '/pets', bodyField: 'body' })
    expect(add.inputSchema).toMatchObject({
      properties: { body: { type: 'array', description: 'The pets to add' } },
      additionalProperties: false,
    })
    expect(add.inputSchema).not.toHaveProperty('required')
    expect((add.outputSchema as { anyOf: { type: string }[] }).anyOf.map((schema) => schema.type)).toEqual([
      'array',
      'object',
    ])
  })

  it('maps DELETE, skips HEAD with a warning and reports left-out parameters', () => {
    const remove = methodById(result.definition.methods, 'pets.delete')
    expect(remove).toMatchObject({ kind: 'delete', idempotent: true, outputSchema: {} })
    expect(remove.description).toBe('Deprecated.\n\nDelete a pet')
    expect(result.definition.methods.map((method) => method.id)).toEqual([
      'pets.get',
      'pets.update',
      'pets.delete',
      'post.pets',
    ])
    expect(result.warnings).toEqual([
      {
        path: 'paths./pets/{petId}.get.parameters.cookie.session',
        message: 'is left out: cookie parameters cannot be bound',
      },
      { path: 'paths./pets.head', message: 'is skipped: HEAD requests cannot be bound' },
    ])
  })

  it('is valid for the format and the project validator, with schemas a strict ajv compiles', () => {
    expectValidFormat(result.definition)
    expect(validateDefinition(result.definition).issues).toEqual([])
    expect(compileFailures(result.definition.methods)).toEqual([])
  })

  it('leaves the document as it was, and takes integrationId, version and category from the options', async () => {
    expect(document).toEqual(original)
    const named = await definitionFromOpenApi(document, {
      integrationId: 'pets',
      version: '3.0.0-beta.1',
      category: 'retail',
    })
    expect(named).toMatchObject({ integrationId: 'pets', version: '3.0.0-beta.1', category: 'retail' })
    const error = await rejection(definitionFromOpenApi(document, { integrationId: 'Pets!', version: 'v3' }))
    expect(error.code).toBe('INVALID_ARGUMENT')
    expect(error.details?.issues?.map((issue) => issue.path)).toEqual(['integrationId', 'version'])
  })
})

const weather = () => ({
  swagger: '2.0',
  info: { title: 'Weather Service', version: 'v2' },
  host: 'api.weather.example',
  basePath: '/data/2.5',
  schemes: ['http', 'https'],
  produces: ['application/json'],
  securityDefinitions: { key: { type: 'apiKey', in: 'query', name: 'appid', description: 'Your API key' } },
  security: [{ key: [] }],
  paths: {
    '/weather': {
      get: {
        operationId: 'getWeather',
        summary: 'Current weather',
        parameters: [
          { name: 'q', in: 'query', type: 'string', required: true, description: 'City name' },
          { name: 'units', in: 'query', type: 'string', enum: ['metric', 'imperial'], default: 'metric' },
          { name: 'cnt', in: 'query', type: 'integer', maximum: 50, exclusiveMaximum: true },
        ],
        responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Weather' } } },
      },
    },
    '/stations': {
      post: {
        operationId: 'stations.create',
        consumes: ['application/x-www-form-urlencoded'],
        parameters: [
          { name: 'name', in: 'formData', type: 'string', required: true },
          { name: 'altitude', in: 'formData', type: 'number' },
        ],
        responses: { '201': { description: 'created', schema: { $ref: '#/definitions/Station' } } },
      },
    },
    '/stations/{id}': {
      put: {
        parameters: [
          { name: 'id', in: 'path', required: true, type: 'string' },
          { name: 'station', in: 'body', required: true, schema: { $ref: '#/definitions/Station' } },
        ],
        responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Station' } } },
      },
    },
  },
  definitions: {
    Weather: {
      type: 'object',
      properties: { temp: { type: 'number', format: 'float' }, note: { type: 'string', 'x-nullable': true } },
    },
    Station: {
      type: 'object',
      required: ['name'],
      properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } },
    },
  },
})

describe('a Swagger 2.0 document', () => {
  let definition: IntegrationDefinition

  beforeAll(async () => {
    definition = await definitionFromOpenApi(weather())
  })

  it('maps host, basePath and an API key in the query', () => {
    expect(definition).toMatchObject({
      integrationId: 'weather-service',
      version: '1.0.0', // "v2" is not a semantic version
      docsUrl: 'https://api.weather.example/data/2.5',
      authType: 'apikey',
      apiKeyConfig: { in: 'query', name: 'appid' },
      api: { baseUrl: { production: 'https://api.weather.example/data/2.5' } },
      secretSchema: {
        type: 'object',
        properties: {
          apiKey: { type: 'string', title: 'API key', description: 'Your API key', minLength: 1 },
        },
        required: ['apiKey'],
        additionalProperties: false,
      },
    })
  })

  it('maps query parameters, formData bodies and body parameters', () => {
    const weatherNow = methodById(definition.methods, 'getWeather')
    expect(weatherNow.http).toEqual({ method: 'GET', path: '/weather', query: ['q', 'units', 'cnt'] })
    expect(weatherNow.inputSchema).toEqual({
      type: 'object',
      properties: {
        q: { type: 'string', description: 'City name' },
        units: { type: 'string', enum: ['metric', 'imperial'], default: 'metric' },
        cnt: { type: 'integer', exclusiveMaximum: 50 },
      },
      required: ['q'],
      additionalProperties: false,
    })
    expect(weatherNow.outputSchema).toEqual({
      type: 'object',
      properties: { temp: { type: 'number', format: 'float' }, note: { type: ['string', 'null'] } },
    })
    const create = methodById(definition.methods, 'stations.create')
    expect(create.http).toEqual({
      method: 'POST',
      path: '/stations',
      body: ['name', 'altitude'],
      bodyEncoding: 'form',
    })
    expect(create.inputSchema).toMatchObject({ required: ['name'] })
    // Station has a property "id", like the path parameter, so the body stays one field.
    const update = methodById(definition.methods, 'put.stations.id')
    expect(update.http).toEqual({ method: 'PUT', path: '/stations/{id}', bodyField: 'body' })
    expect(update.inputSchema).toMatchObject({ required: ['id', 'body'] })
  })

  it('is valid, with schemas a strict ajv compiles', () => {
    expectValidFormat(definition)
    expect(validateDefinition(definition).issues).toEqual([])
    expect(compileFailures(definition.methods)).toEqual([])
  })
})

const minimal = (extra: Record<string, unknown> = {}, paths?: Record<string, unknown>) => ({
  openapi: '3.0.3',
  info: { title: 'Mini', version: '1.0.0' },
  servers: [{ url: 'https://api.mini.example' }],
  paths: paths ?? {
    '/things': {
      get: {
        operationId: 'things.list',
        responses: { '200': { description: 'ok', ...json({ type: 'array' }) } },
      },
    },
  },
  ...extra,
})

describe('sign-in schemes', () => {
  const schemes = (securitySchemes: Record<string, unknown>, security?: unknown[]) =>
    minimal({ components: { securitySchemes }, ...(security ? { security } : {}) })

  it('maps http bearer to an Authorization header with the Bearer prefix', async () => {
    const definition = await definitionFromOpenApi(schemes({ token: { type: 'http', scheme: 'bearer' } }))
    expect(definition).toMatchObject({
      authType: 'apikey',
      apiKeyConfig: { in: 'header', name: 'Authorization', prefix: 'Bearer ' },
      secretSchema: { required: ['apiKey'] },
    })
  })

  it('maps http basic to custom basic, and an API key cookie to a Cookie header', async () => {
    const basic = await definitionFromOpenApi(schemes({ login: { type: 'http', scheme: 'basic' } }))
    expect(basic).toMatchObject({
      authType: 'custom',
      customAuth: { scheme: 'basic', usernameField: 'username', passwordField: 'password' },
      secretSchema: { required: ['username', 'password'] },
    })
    const cookie = await definitionFromOpenApi(
      schemes({ sid: { type: 'apiKey', in: 'cookie', name: 'SID' } }),
    )
    expect(cookie).toMatchObject({
      authType: 'custom',
      customAuth: { scheme: 'headers', headers: { Cookie: 'SID={{secret.apiKey}}' } },
    })
    expect(validateDefinition(cookie).issues).toEqual([])
  })

  it('maps client credentials, resolves a relative token URL, and prefers the scheme security names', async () => {
    const definition = await definitionFromOpenApi(
      schemes(
        {
          key: { type: 'apiKey', in: 'header', name: 'X-Key' },
          machine: {
            type: 'oauth2',
            flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { read: '' } } },
          },
        },
        [{ machine: ['read'] }],
      ),
    )
    expect(definition).toMatchObject({
      authType: 'oauth2',
      oauth2Config: {
        tokenUrl: 'https://api.mini.example/oauth/token',
        grantType: 'client_credentials',
        scopes: ['read'],
      },
      secretSchema: { required: ['clientId', 'clientSecret'] },
    })
    expect(definition.methods[0]?.scopes).toEqual(['read'])
  })

  it('imports without authentication, with a warning, when no scheme can be used', async () => {
    const result = await importOpenApi(
      schemes({
        oidc: {
          type: 'openIdConnect',
          openIdConnectUrl: 'https://id.example/.well-known/openid-configuration',
        },
      }),
    )
    expect(result.definition.authType).toBe('none')
    expect(result.warnings).toEqual([
      {
        path: 'components.securitySchemes',
        message:
          'has no scheme Switchboard can sign in with: "oidc" (openIdConnect); imported without authentication',
      },
    ])
  })
})

describe('OpenAPI 3.1 and servers', () => {
  it('converts 2020-12 keywords to draft-07 and drops the unknown', async () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Modern', version: '0.3.0' },
      servers: [{ url: '/api' }],
      paths: {
        '/shapes': {
          post: {
            operationId: 'shapes.create',
            requestBody: {
              required: true,
              ...json({
                type: 'object',
                required: ['kind'],
                properties: {
                  kind: { const: 'circle', examples: ['circle'] },
                  size: { type: ['number', 'null'], exclusiveMinimum: 0 },
                  point: {
                    type: 'array',
                    prefixItems: [{ type: 'number' }, { type: 'number' }],
                    items: false,
                  },
                  label: {
                    type: 'string',
                    pattern: '\\p{L}+',
                    unevaluatedProperties: false,
                    $comment: 'a name',
                  },
                },
                dependentRequired: { size: ['kind'] },
              }),
            },
            responses: { '201': { description: 'ok', ...json({ $defs: { x: {} }, type: 'object' }) } },
          },
        },
      },
    }
    const result = await importOpenApi(document, { sourceName: 'https://specs.example.com/modern.json' })
    const { definition } = result
    expect(definition.api?.baseUrl.production).toBe('https://specs.example.com/api')
    const create = methodById(definition.methods, 'shapes.create')
    // dependentRequired makes the body more than a plain object, so it stays one field.
    expect(create.http).toEqual({ method: 'POST', path: '/shapes', bodyField: 'body' })
    expect(create.inputSchema).toEqual({
      type: 'object',
      properties: {
        body: {
          type: 'object',
          required: ['kind'],
          properties: {
            kind: { const: 'circle', examples: ['circle'] },
            size: { type: ['number', 'null'], exclusiveMinimum: 0 },
            point: { type: 'array', items: [{ type: 'number' }, { type: 'number' }], additionalItems: false },
            label: { type: 'string', pattern: '\\p{L}+', $comment: 'a name' },
          },
          dependencies: { size: ['kind'] },
        },
      },
      required: ['body'],
      additionalProperties: false,
    })
    expect(create.outputSchema).toEqual({ type: 'object' })
    expect(validateDefinition(definition).issues).toEqual([])
    expect(compileFailures(definition.methods)).toEqual([])
  })

  it('takes the host from the config when the server URL is relative and nothing else says where', async () => {
    const result = await importOpenApi(minimal({ servers: [{ url: '/v2' }] }))
    expect(result.definition.api?.baseUrl.production).toBe('https://{{config.host}}/v2')
    expect(result.definition.configSchema).toMatchObject({
      properties: { host: { type: 'string' } },
      required: ['host'],
    })
    expect(result.warnings).toEqual([
      {
        path: 'servers',
        message: 'names no absolute server URL; the base URL takes the host from the connection config',
      },
    ])
    expect(validateDefinition(result.definition).issues).toEqual([])
  })

  it('declares a path parameter the document forgot, and drops defaults where ajv cannot apply them', async () => {
    const definition = await definitionFromOpenApi(
      minimal(
        {},
        {
          '/items/{itemId}': {
            get: {
              operationId: 'items get',
              responses: {
                '200': {
                  description: 'ok',
                  ...json({
                    oneOf: [
                      { type: 'object', properties: { a: { type: 'string', default: 'x' } } },
                      {
                        type: 'object',
                        properties: { b: { type: 'integer', default: 1, format: 'repo.nwo' } },
                      },
                    ],
                  }),
                },
              },
            },
          },
        },
      ),
    )
    const method = methodById(definition.methods, 'items-get')
    expect(method.inputSchema).toEqual({
      type: 'object',
      properties: { itemId: { type: 'string' } },
      required: ['itemId'],
      additionalProperties: false,
    })
    expect(method.outputSchema).toEqual({
      oneOf: [
        { type: 'object', properties: { a: { type: 'string' } } },
        { type: 'object', properties: { b: { type: 'integer' } } },
      ],
    })
    expect(compileFailures(definition.methods)).toEqual([])
    expect(definition.healthCheck).toBeUndefined()
  })
})

describe('method ids', () => {
  it('sanitizes operationIds and keeps them unique regardless of case', async () => {
    const ok = { '200': { description: 'ok' } }
    const definition = await definitionFromOpenApi(
      minimal(
        {},
        {
          '/a': {
            get: { operationId: 'Things: list all', responses: ok },
            post: { operationId: 'things/create', responses: ok },
          },
          '/b': {
            get: { operationId: 'things/create', responses: ok },
            put: { operationId: 'THINGS/CREATE', responses: ok },
          },
          '/c/{id}': { delete: { operationId: '--', responses: ok } },
        },
      ),
    )
    expect(definition.methods.map((method) => method.id)).toEqual([
      'Things.list-all',
      'things.create',
      'things.create-2',
      'THINGS.CREATE-3',
      'delete.c.id',
    ])
    expectValidFormat(definition)
  })
})

describe('documents that cannot be imported', () => {
  it('refuses a $ref cycle, naming where it is, and changes nothing', async () => {
    const document = minimal(
      {
        components: {
          schemas: {
            Node: {
              type: 'object',
              properties: {
                value: { type: 'string' },
                children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
              },
            },
          },
        },
      },
      {
        '/tree': {
          get: {
            operationId: 'tree.get',
            responses: { '200': { description: 'ok', ...json({ $ref: '#/components/schemas/Node' }) } },
          },
        },
      },
    )
    const before = structuredClone(document)
    const error = await rejection(definitionFromOpenApi(document))
    expect(error.code).toBe('INVALID_ARGUMENT')
    expect(error.message).toBe(
      'The OpenAPI document has a $ref cycle (a recursive schema), which cannot be imported',
    )
    expect(error.details?.issues).toEqual([
      {
        path: 'components.schemas.Node.properties.children.items',
        message:
          'is a $ref that leads back to a schema containing it (a $ref cycle); make the schema non-recursive',
      },
    ])
    expect(document).toEqual(before)
  })

  it('refuses a cycle through several schemas', async () => {
    const document = minimal({
      components: {
        schemas: {
          A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
          B: { type: 'array', items: { $ref: '#/components/schemas/A' } },
        },
      },
    })
    const error = await rejection(definitionFromOpenApi(document))
    expect(error.code).toBe('INVALID_ARGUMENT')
    expect(error.details?.issues?.[0]?.message).toMatch(/\$ref cycle/)
  })

  it.each([
    ['null', null, '(root)', /must be a JSON object/],
    ['a string', 'openapi: 3.0.0', '(root)', /must be a JSON object/],
    ['an array', [], '(root)', /must be a JSON object/],
    [
      'neither openapi nor swagger',
      { info: {}, paths: {} },
      'openapi',
      /names neither "openapi" nor "swagger"/,
    ],
    [
      'OpenAPI 4.0',
      { openapi: '4.0', info: { title: 'x', version: '1' }, paths: {} },
      'openapi',
      /^is "4.0"; Switchboard imports/,
    ],
    [
      'a numeric version',
      { openapi: 3.1, info: { title: 'x', version: '1' }, paths: {} },
      'openapi',
      /^is 3.1;/,
    ],
    ['Swagger 1.2', { swagger: '1.2', info: {}, paths: {} }, 'swagger', /^is "1.2"/],
    ['no paths', { openapi: '3.0.3', info: { title: 'x', version: '1' } }, 'paths', /is required/],
  ])('refuses %s', async (_label, document, path, message) => {
    const error = await rejection(definitionFromOpenApi(document))
    expect(error.code).toBe('INVALID_ARGUMENT')
    expect(error.details?.issues).toHaveLength(1)
    expect(error.details?.issues?.[0]?.path).toBe(path)
    expect(error.details?.issues?.[0]?.message).toMatch(message)
  })

  it('refuses a document that breaks the OpenAPI schema, one issue per problem', async () => {
    const document = { openapi: '3.0.3', info: { title: 'x' }, paths: { '/x': { get: {} } } }
    const error = await rejection(definitionFromOpenApi(document))
    expect(error.message).toBe('The OpenAPI document is not valid')
    expect(error.details?.issues).toEqual([
      { path: 'info.version', message: 'version is required.' },
      { path: 'paths./x.get.responses', message: 'responses is required.' },
    ])
  })

  it('refuses a $ref to a missing component or to another file, without reading anything', async () => {
    const missing = await rejection(
      definitionFromOpenApi(
        minimal(
          {},
          {
            '/x': {
              get: {
                responses: { '200': { description: 'ok', ...json({ $ref: '#/components/schemas/Gone' }) } },
              },
            },
          },
        ),
      ),
    )
    expect(missing.code).toBe('INVALID_ARGUMENT')
    expect(missing.details?.issues).toEqual([
      {
        path: 'paths./x.get.responses.200.content.application/json.schema',
        message: 'refers to "#/components/schemas/Gone", which does not exist',
      },
    ])
    const external = await rejection(
      definitionFromOpenApi(
        minimal(
          {},
          {
            '/x': {
              get: { responses: { '200': { description: 'ok', ...json({ $ref: '/etc/passwd#/x' }) } } },
            },
          },
        ),
      ),
    )
    expect(external.details?.issues).toEqual([
      {
        path: 'paths./x.get.responses.200.content.application/json.schema',
        message: 'refers to "/etc/passwd#/x"; only references within the document (#/…) are followed',
      },
    ])
  })

  it('refuses a document without a single operation it can bind', async () => {
    const error = await rejection(
      definitionFromOpenApi(minimal({}, { '/x': { head: { responses: { '200': { description: 'ok' } } } } })),
    )
    expect(error.details?.issues).toEqual([
      { path: 'paths', message: 'has no GET, PUT, POST, DELETE or PATCH operation' },
    ])
  })

  it('refuses, quickly, schemas that double at every level (2^30 values written out)', async () => {
    const schemas: Record<string, unknown> = { S30: { type: 'string' } }
    for (let level = 0; level < 30; level++) {
      const next = { $ref: `#/components/schemas/S${level + 1}` }
      schemas[`S${level}`] = { type: 'object', properties: { left: next, right: next } }
    }
    const document = minimal(
      { components: { schemas } },
      {
        '/bomb': {
          get: { responses: { '200': { description: 'ok', ...json({ $ref: '#/components/schemas/S0' }) } } },
        },
      },
    )
    const error = await rejection(definitionFromOpenApi(document))
    expect(error.message).toBe('The OpenAPI document is too large to import')
  })
})
