// Acceptance against a real peer: GitHub's own OpenAPI description (@octokit/openapi), trimmed to the
// operations used (with every component they reference), imported as a definition and served by
// Stoplight Prism on 127.0.0.1 with --errors, so Prism rejects any request that breaks the
// description. Six methods with path, query and body parameters run through the http connector; each
// must be accepted by Prism and its output must validate against the method's outputSchema.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { coreWith } from '../support/oidc-server.ts'
import { tempDir, type TempCore } from '../support/temp-core.ts'

const require = createRequire(import.meta.url)
const root = join(import.meta.dirname, '../..')

const operations: [path: string, verb: string][] = [
  ['/repos/{owner}/{repo}/labels/{name}', 'get'],
  ['/repos/{owner}/{repo}/issues', 'get'],
  ['/repos/{owner}/{repo}/issues', 'post'],
  ['/repos/{owner}/{repo}/labels', 'post'],
  ['/users/{username}', 'get'],
  ['/search/repositories', 'get'],
]

type Json = Record<string, unknown>

/** The description with only `operations`, and the components they reference (transitively). */
function trimmed(spec: Json, serverUrl: string): Json {
  const paths: Json = {}
  for (const [path, verb] of operations) {
    const item = (spec.paths as Record<string, Json>)[path] as Json
    paths[path] = { ...((paths[path] as Json | undefined) ?? {}), [verb]: item[verb] }
  }
  const components = spec.components as Record<string, Record<string, unknown>>
  const kept: Record<string, Record<string, unknown>> = {}
  const seen = new Set<string>()
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (typeof value !== 'object' || value === null) return
    for (const [key, child] of Object.entries(value)) {
      if (
        key === '$ref' &&
        typeof child === 'string' &&
        child.startsWith('#/components/') &&
        !seen.has(child)
      ) {
        seen.add(child)
        const [, , kind = '', name = ''] = child.split('/')
        const target = components[kind]?.[name]
        ;(kept[kind] ??= {})[name] = target
        walk(target)
      } else walk(child)
    }
  }
  walk(paths)
  return { openapi: spec.openapi, info: spec.info, servers: [{ url: serverUrl }], paths, components: kept }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

let prism: ChildProcess | undefined
let temp: TempCore | undefined
let prismOutput = ''
let connectionId = ''
let definition: IntegrationDefinition | undefined

beforeAll(async () => {
  const port = await freePort()
  const spec = JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
  ) as Json
  const dir = tempDir('switchboard-prism-')
  const file = join(dir, 'github.json')
  writeFileSync(file, JSON.stringify(trimmed(spec, `http://127.0.0.1:${port}`)))

  prism = spawn(
    join(root, 'node_modules/.bin/prism'),
    ['mock', file, '-h', '127.0.0.1', '-p', String(port), '--errors'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      prismOutput += chunk.toString()
      if (prismOutput.includes('Prism is listening')) resolve()
    }
    prism?.stdout?.on('data', onData)
    prism?.stderr?.on('data', onData)
    prism?.once('exit', (code) => reject(new Error(`prism exited with ${code}: ${prismOutput}`)))
  })

  temp = await coreWith([])
  const report = await temp.core.definitions.importFiles([{ name: file, content: readFileSync(file) }], {
    openapi: true,
  })
  expect(report.rejected, JSON.stringify(report.files[0]?.issues)).toBe(0)
  const integrationId = report.files[0]?.definitions[0]?.integrationId ?? ''
  definition = temp.core.definitions.current(integrationId)
  connectionId = temp.core.connections.create({
    clientId: 'acme',
    integrationId,
    environment: 'production',
    ...(definition.authType === 'none'
      ? {}
      : { secrets: { apiKey: 'ghp_prismAcceptanceToken000000000000' } }),
  }).id
}, 180_000)

afterAll(async () => {
  temp?.dispose()
  if (prism && prism.exitCode === null) {
    const exited = new Promise((resolve) => prism?.once('exit', resolve))
    prism.kill('SIGTERM')
    await exited
  }
})

const methodFor = (path: string, verb: string) => {
  const method = definition?.methods.find(
    (m) => m.http?.path === path && m.http.method === verb.toUpperCase(),
  )
  if (!method) throw new Error(`no method for ${verb} ${path}`)
  return method.id
}

describe('GitHub through the http connector against Prism', () => {
  const cases: [path: string, verb: string, input: Json][] = [
    [
      '/repos/{owner}/{repo}/labels/{name}',
      'get',
      { owner: 'octocat', repo: 'hello-world', name: 'good first issue' },
    ],
    [
      '/repos/{owner}/{repo}/issues',
      'get',
      { owner: 'octocat', repo: 'hello-world', state: 'open', per_page: 5 },
    ],
    [
      '/repos/{owner}/{repo}/issues',
      'post',
      { owner: 'octocat', repo: 'hello-world', title: 'Found a bug', body: 'It broke.', labels: ['bug'] },
    ],
    [
      '/repos/{owner}/{repo}/labels',
      'post',
      {
        owner: 'octocat',
        repo: 'hello-world',
        name: 'needs triage',
        color: 'f29513',
        description: 'Not looked at yet',
      },
    ],
    ['/users/{username}', 'get', { username: 'octocat' }],
    ['/search/repositories', 'get', { q: 'tetris language:assembly', sort: 'stars', per_page: 3 }],
  ]
  it.each(cases)(
    '%s %s is accepted by Prism and its output validates',
    async (path, verb, input) => {
      const result = await temp!.core.runtime.invoke(connectionId, methodFor(path, verb), input)
      expect(result.error, `${JSON.stringify(result.error)}\n${JSON.stringify(result.request)}`).toBeNull()
      expect(result.status).toBe('success')
      expect(result.response?.status).toBeLessThan(300)
      expect(result.outputValidation).toEqual({ valid: true, issues: [] })
    },
    60_000,
  )

  it('an input missing a required body field never reaches Prism', async () => {
    const method = methodFor('/repos/{owner}/{repo}/issues', 'post')
    const result = await temp!.core.runtime.invoke(connectionId, method, {
      owner: 'octocat',
      repo: 'hello-world',
    })
    expect(result.error?.code).toBe('INPUT_INVALID')
    expect(result.error?.details?.issues?.map((i) => i.path)).toContain('title')
    expect(result.request).toBeNull()
    expect(prismOutput).not.toMatch(/POST \/repos\/octocat\/hello-world\/issues.*\n.*\n?.*title/)
  }, 60_000)
})
