// The runtime against a real loopback provider: what arrives over HTTP (credentials applied, path,
// query and body mapped), masking of what is recorded, retries only where safe, typed failures for
// bad input and faults, cancellation, output validation, history and the connection's health.
import { afterEach, describe, expect, it } from 'vitest'
import type { IntegrationDefinition, MethodDefinition } from '../../src-main/contract/definition-format.ts'
import { makeDefinition } from '../support/definitions.ts'
import { connectionOf, coreWith } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'
import type { TempCore } from '../support/temp-core.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

const apiKey = 'sk_test_runtime_0123456789abcdef'

const object = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
})

function methods(): MethodDefinition[] {
  return [
    {
      id: 'items.get',
      name: 'Get an item',
      description: 'Fetches one item.',
      kind: 'read',
      inputSchema: object(
        {
          itemId: { type: 'string', minLength: 1 },
          expand: { type: 'boolean' },
          tags: { type: 'array', items: { type: 'string' } },
        },
        ['itemId'],
      ),
      outputSchema: {
        type: 'object',
        properties: { id: { type: 'string' }, value: { type: 'number' } },
        required: ['id', 'value'],
      },
      http: {
        method: 'GET',
        path: '/items/{itemId}',
        query: ['expand', 'tags'],
        response: '{ "id": id, "value": value }',
      },
    },
    {
      id: 'items.create',
      name: 'Create an item',
      description: 'Creates an item.',
      kind: 'write',
      inputSchema: object(
        { name: { type: 'string' }, count: { type: 'integer', minimum: 1 }, dryRun: { type: 'boolean' } },
        ['name', 'count'],
      ),
      outputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      http: { method: 'POST', path: '/items', query: ['dryRun'], body: ['name', 'count'] },
    },
    {
      id: 'items.submit',
      name: 'Submit a form',
      description: 'Form-encoded body.',
      kind: 'write',
      inputSchema: object({ name: { type: 'string' }, password: { type: 'string', format: 'password' } }, [
        'name',
      ]),
      outputSchema: { type: 'object' },
      http: { method: 'POST', path: '/forms', body: ['name', 'password'], bodyEncoding: 'form' },
    },
    {
      id: 'items.list',
      name: 'List items',
      description: 'Cursor pages.',
      kind: 'read',
      inputSchema: object({}),
      outputSchema: {
        type: 'object',
        properties: { items: { type: 'array', items: { type: 'string' } } },
        required: ['items'],
      },
      http: {
        method: 'GET',
        path: '/items',
        response: '{ "items": [data.name] }',
        pagination: {
          style: 'cursor',
          items: 'data',
          cursorParam: 'after',
          nextCursor: 'next',
          limitParam: 'limit',
          pageSize: 2,
          maxItems: 5,
        },
      },
    },
  ]
}

async function setup(
  overrides: Partial<IntegrationDefinition> = {},
  secrets: Record<string, string> | null = { apiKey },
) {
  const provider = await startProvider()
  cleanups.push(() => provider.close())
  const definition = makeDefinition('loopy', {
    api: { baseUrl: { production: provider.url } },
    methods: methods(),
    healthCheck: { method: 'items.get', input: { itemId: 'health' } },
    ...overrides,
  })
  const temp: TempCore = await coreWith([definition])
  cleanups.push(temp.dispose)
  const connectionId = connectionOf(temp, 'loopy', secrets ?? undefined)
  const invoke = (
    methodId: string,
    input: unknown,
    options: { mock?: boolean; timeoutMs?: number; callId?: string } = {},
  ) => temp.core.handlers['runtime.invoke']({ connectionId, methodId, input, ...options })
  return { provider, temp, connectionId, invoke }
}

const okItem = (provider: Provider) =>
  provider.route('GET', '/items/a%2Fb%20c', json(200, { id: 'a/b c', value: 4, extra: true }))

describe('runtime.invoke through the http connector', () => {
  it('maps path (URL-encoded), query and credentials, validates the output and masks what it records', async () => {
    const { provider, invoke, temp, connectionId } = await setup()
    okItem(provider)
    const result = await invoke('items.get', { itemId: 'a/b c', expand: true, tags: ['x', 'y'] })
    expect(result.error).toBeNull()
    expect(result.status).toBe('success')
    expect(result.output).toEqual({ id: 'a/b c', value: 4 })
    expect(result.outputValidation).toEqual({ valid: true, issues: [] })
    expect(result.transport).toBe('official-api')
    const [seen] = provider.seen
    expect(seen?.path).toBe('/items/a%2Fb%20c')
    expect(seen?.query.get('expand')).toBe('true')
    expect(seen?.query.getAll('tags')).toEqual(['x', 'y'])
    expect(seen?.headers.authorization).toBe(`Bearer ${apiKey}`)
    expect(result.request?.headers.authorization).toBe('Bearer ****')
    expect(result.request?.url).toBe(`${provider.url}/items/a%2Fb%20c?expand=true&tags=x&tags=y`)
    expect(result.response?.status).toBe(200)
    expect(result.response?.body).toEqual({ id: 'a/b c', value: 4, extra: true })
    expect(JSON.stringify(result)).not.toContain(apiKey)

    const history = await temp.core.handlers['runtime.history']({ connectionId })
    expect(history.entries).toHaveLength(1)
    expect(history.entries[0]).toMatchObject({
      methodId: 'items.get',
      status: 'success',
      httpStatus: 200,
      transport: 'official-api',
    })
    expect(JSON.stringify(history)).not.toContain(apiKey)
    const row = temp.core.connections.get(connectionId)
    expect(row.healthState).toBe('healthy')
    // The trail says which stored secrets the call used (never their values), with the call itself.
    const events = temp.core.audit.list({ limit: 2 }).events
    expect(events.map((e) => e.action)).toEqual(['method.invoked', 'secret.used'])
    expect(events[1]).toMatchObject({ connectionId, details: { fields: ['apiKey'], method: 'items.get' } })
    expect(JSON.stringify(events)).not.toContain(apiKey)
  })

  it('refuses invalid input before any network, naming every failing path', async () => {
    const { provider, invoke } = await setup()
    const result = await invoke('items.create', { count: 0, colour: 'red' })
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe('INPUT_INVALID')
    const paths = result.error?.details?.issues?.map((i) => i.path).sort()
    expect(paths).toEqual(['colour', 'count', 'name'])
    expect(result.error?.details?.issues).toContainEqual({ path: 'name', message: 'name is required.' })
    expect(result.request).toBeNull()
    expect(provider.seen).toHaveLength(0)
  })

  it('sends JSON bodies with query fields, and form bodies with secret input fields masked', async () => {
    const { provider, invoke, temp, connectionId } = await setup()
    provider.route('POST', '/items', json(201, { id: 'new-1' }))
    provider.route('POST', '/forms', json(200, {}))
    const created = await invoke('items.create', { name: 'Widget', count: 3, dryRun: false })
    expect(created.status).toBe('success')
    expect(provider.seen[0]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(provider.seen[0]?.body ?? '')).toEqual({ name: 'Widget', count: 3 })
    expect(provider.seen[0]?.query.get('dryRun')).toBe('false')

    const form = await invoke('items.submit', { name: 'A B&C', password: 'hunter2-secret' })
    expect(form.status).toBe('success')
    expect(provider.seen[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(provider.seen[1]?.body).toBe('name=A+B%26C&password=hunter2-secret')
    expect(form.request?.body).toBe('name=A+B%26C&password=****')
    const history = await temp.core.handlers['runtime.history']({ connectionId })
    expect(history.entries[0]?.input).toEqual({ name: 'A B&C', password: '****' })
    expect(JSON.stringify(history)).not.toContain('hunter2-secret')
  })

  it('applies an API key in the query and HTTP basic, masked in the recorded request', async () => {
    const query = await setup({ apiKeyConfig: { in: 'query', name: 'api_key' } })
    okItem(query.provider)
    const viaQuery = await query.invoke('items.get', { itemId: 'a/b c' })
    expect(query.provider.seen[0]?.query.get('api_key')).toBe(apiKey)
    expect(viaQuery.request?.url).toContain('api_key=****')
    expect(JSON.stringify(viaQuery)).not.toContain(apiKey)

    const basic = await setup(
      {
        authType: 'custom',
        apiKeyConfig: undefined,
        customAuth: { scheme: 'basic', usernameField: 'user', passwordField: 'apiKey' },
        secretSchema: {
          type: 'object',
          properties: { user: { type: 'string' }, apiKey: { type: 'string' } },
        },
      },
      { user: 'ada', apiKey },
    )
    okItem(basic.provider)
    const viaBasic = await basic.invoke('items.get', { itemId: 'a/b c' })
    expect(basic.provider.seen[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`ada:${apiKey}`).toString('base64')}`,
    )
    expect(viaBasic.request?.headers.authorization).toBe('Basic ****')
    expect(JSON.stringify(viaBasic)).not.toContain(Buffer.from(`ada:${apiKey}`).toString('base64'))
  })

  it('retries a read once after 429 (honouring Retry-After) and never retries a write after 503', async () => {
    const { provider, invoke } = await setup()
    let calls = 0
    provider.route('GET', '/items/a%2Fb%20c', (req, res) => {
      calls += 1
      if (calls === 1)
        res
          .writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' })
          .end('{"message":"slow down"}')
      else json(200, { id: 'x', value: 1 })(req, res, provider.seen[0] as never)
    })
    const read = await invoke('items.get', { itemId: 'a/b c' })
    expect(read.status).toBe('success')
    expect(read.attempts).toBe(2)
    expect(calls).toBe(2)

    provider.route('POST', '/items', json(503, { message: 'try later' }))
    const write = await invoke('items.create', { name: 'W', count: 1 })
    expect(write.status).toBe('failed')
    expect(write.error?.code).toBe('PROVIDER')
    expect(write.error?.details?.status).toBe(503)
    expect(write.error?.details?.body).toEqual({ message: 'try later' })
    expect(write.error?.message).toContain('try later')
    expect(write.attempts).toBe(1)
    expect(provider.seen.filter((s) => s.method === 'POST')).toHaveLength(1)
  })

  it('walks cursor pages up to the limit and maps them as one answer', async () => {
    const { provider, invoke } = await setup()
    provider.route('GET', '/items', (req, res, seen) => {
      const after = Number(seen.query.get('after') ?? 0)
      const data = [after + 1, after + 2].map((n) => ({ name: `item-${n}` }))
      json(200, { data, next: String(after + 2) })(req, res, seen)
    })
    const result = await invoke('items.list', {})
    expect(result.status).toBe('success')
    expect(result.output).toEqual({ items: ['item-1', 'item-2', 'item-3', 'item-4', 'item-5'] })
    expect(provider.seen.map((s) => s.query.get('after'))).toEqual([null, '2', '4'])
    expect(provider.seen.every((s) => s.query.get('limit') === '2')).toBe(true)
  })

  it('reports an output mismatch with its paths beside the raw response', async () => {
    const { provider, invoke } = await setup()
    provider.route('GET', '/items/a%2Fb%20c', json(200, { id: 7 }))
    const result = await invoke('items.get', { itemId: 'a/b c' })
    expect(result.status).toBe('output-mismatch')
    expect(result.error?.code).toBe('OUTPUT_MISMATCH')
    expect(result.outputValidation?.issues.map((i) => i.path).sort()).toEqual(['output.id', 'output.value'])
    expect(result.output).toEqual({ id: 7 })
    expect(result.response?.body).toEqual({ id: 7 })
  })
})

describe('faults', () => {
  it('a provider that hangs is a Timeout, and nothing is left running', async () => {
    const { provider, invoke, temp } = await setup()
    provider.route('GET', '/items/a%2Fb%20c', () => {})
    const result = await invoke('items.get', { itemId: 'a/b c' }, { timeoutMs: 300 })
    expect(result.error?.code).toBe('TIMEOUT')
    expect(result.status).toBe('failed')
    expect(temp.core.runtime.running()).toBe(0)
  })

  it('a reset connection is a Network error (after the retries a read gets)', async () => {
    const { provider, invoke } = await setup()
    provider.route('GET', '/items/a%2Fb%20c', (req) => req.socket.destroy())
    const result = await invoke('items.get', { itemId: 'a/b c' })
    expect(result.error?.code).toBe('NETWORK')
    expect(result.attempts).toBe(3)
    expect(result.error?.message).toMatch(/Could not reach http:\/\/127\.0\.0\.1/)
  })

  it('HTML where JSON was promised, and a 50 MB body, are clear typed errors', async () => {
    const { provider, invoke } = await setup()
    provider.route('GET', '/items/a%2Fb%20c', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Login</body></html>')
    })
    const html = await invoke('items.get', { itemId: 'a/b c' })
    expect(html.error?.code).toBe('PROVIDER')
    expect(html.error?.details?.reason).toBe('not-json')
    expect(html.error?.message).toMatch(/text\/html that is not JSON/)
    expect(html.response?.body).toBe('<html><body>Login</body></html>')

    provider.route('GET', '/items/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      let sent = 0
      const pump = () => {
        while (sent < 50) {
          sent += 1
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('error', () => {})
      pump()
    })
    const big = await invoke('items.get', { itemId: 'big' })
    expect(big.error?.code).toBe('PROVIDER')
    expect(big.error?.details?.reason).toBe('response-too-large')
    expect(big.response?.truncated).toBe(true)
    expect(big.response?.size).toBe(10 * 1024 * 1024)
    expect(big.response?.notice).toMatch(/over 10 MB/)
  })

  it('cancelling a call ends it as Cancelled and closes its request', async () => {
    const { provider, invoke, temp } = await setup()
    let arrived: () => void = () => {}
    const reached = new Promise<void>((resolve) => (arrived = resolve))
    provider.route('GET', '/items/a%2Fb%20c', () => arrived())
    const callId = 'cancel-me-1234'
    const pending = invoke('items.get', { itemId: 'a/b c' }, { callId })
    await reached
    expect(await temp.core.handlers['runtime.cancel']({ callId })).toEqual({ cancelled: true })
    const result = await pending
    expect(result.status).toBe('cancelled')
    expect(result.error?.code).toBe('CANCELLED')
    expect(temp.core.runtime.running()).toBe(0)
    expect(await temp.core.handlers['runtime.cancel']({ callId })).toEqual({ cancelled: false })
    await expect.poll(() => provider.openSockets(), { timeout: 5000 }).toBe(0)
  })

  it('refuses plain http to anything but this computer', async () => {
    const { invoke } = await setup({ api: { baseUrl: { production: 'http://api.example.com' } } })
    const result = await invoke('items.get', { itemId: 'x' })
    expect(result.error?.code).toBe('ENDPOINT_MISSING')
    expect(result.error?.message).toMatch(/https only/)
  })

  it('a connection without its secret is AuthRequired and sends nothing', async () => {
    const { invoke, provider } = await setup({}, null)
    const result = await invoke('items.get', { itemId: 'x' })
    expect(result.error?.code).toBe('AUTH_REQUIRED')
    expect(provider.seen).toHaveLength(0)
  })
})

describe('mock, health check and status', () => {
  it('mock answers from the outputSchema, the same for the same connection and method, with no network', async () => {
    const { invoke, provider } = await setup()
    const a = await invoke('items.get', { itemId: 'x' }, { mock: true })
    const b = await invoke('items.get', { itemId: 'x' }, { mock: true })
    expect(a.status).toBe('success')
    expect(a.transport).toBe('mock')
    expect(a.output).toEqual(b.output)
    expect(a.outputValidation?.valid).toBe(true)
    expect(provider.seen).toHaveLength(0)
  })

  it('connections.test runs the health check and moves the health state; it starts untested', async () => {
    const { provider, temp, connectionId } = await setup()
    expect(temp.core.connections.get(connectionId).healthState).toBe('untested')
    provider.route('GET', '/items/health', json(401, { message: 'bad key' }))
    const failed = await temp.core.handlers['connections.test']({ connectionId })
    expect(failed.ok).toBe(false)
    expect(failed.message).toContain('bad key')
    expect(failed.connection.healthState).toBe('failing')
    expect(failed.connection.lastHealthCheckStatus).toBe('failure')
    provider.route('GET', '/items/health', json(200, { id: 'health', value: 1 }))
    const passed = await temp.core.handlers['connections.test']({ connectionId })
    expect(passed.ok).toBe(true)
    expect(passed.methodId).toBe('items.get')
    expect(passed.connection.healthState).toBe('healthy')
    expect(passed.connection.lastHealthCheckStatus).toBe('success')
  })
})
