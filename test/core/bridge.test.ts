// The HTTP bridge over real loopback sockets: it serves the renderer with the session token, and only
// calls from its own page, carrying the token, reach the core.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBridgeServer, type BridgeServer } from '../../src-main/bridge/server.ts'
import { contentSecurityPolicy } from '../../src-main/hosting/csp.ts'
import { rawRequest } from '../support/raw-http.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

let temp: TempCore
let bridge: BridgeServer
beforeEach(async () => {
  temp = createTempCore()
  const rendererDir = tempDir()
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>t</title></head><body></body></html>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  bridge = await startBridgeServer({ dispatch: temp.core.dispatch, rendererDir })
})
afterEach(async () => {
  await bridge.close()
  temp.dispose()
})

const call = (name: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${bridge.origin}/__switchboard/rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('HTTP bridge', () => {
  it('answers malformed requests with 400 and keeps serving (any web page can send them)', async () => {
    const port = Number(new URL(bridge.origin).port)
    expect(await rawRequest(port, 'GET /__switchboard/rpc/%E0%A4%A HTTP/1.1')).toBe(400)
    expect(await rawRequest(port, 'GET http://[ HTTP/1.1')).toBe(400)
    expect((await fetch(bridge.url)).status).toBe(200)
  })

  it('listens on 127.0.0.1 only', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('serves the app page only with the token, injecting the bridge script before the app', async () => {
    expect((await fetch(`${bridge.origin}/`)).status).toBe(403)
    const page = await fetch(bridge.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    const html = await page.text()
    expect(html).toMatch(/<head>\s*<script src="\/__switchboard\/bridge\.js\?token=[\w-]+"><\/script>/)
    expect((await fetch(`${bridge.origin}/__switchboard/bridge.js`)).status).toBe(403)
    expect((await fetch(`${bridge.origin}/assets/app.js`)).status).toBe(200)
    expect((await fetch(`${bridge.origin}/assets/..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404)
  })

  it('serves the favicon the renderer’s index.html links to, laid out as the build does', async () => {
    // Vite copies src-renderer/public/ to the root of out/renderer, beside index.html.
    const source = join(import.meta.dirname, '../../src-renderer')
    const rendererDir = tempDir()
    cpSync(join(source, 'public'), rendererDir, { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), readFileSync(join(source, 'index.html')))
    const built = await startBridgeServer({ dispatch: temp.core.dispatch, rendererDir })
    try {
      const html = await (await fetch(built.url)).text()
      const href = /<link rel="icon" type="([^"]+)" href="\/?([^"]+)"/.exec(html)
      expect(href?.[2]).toMatch(/^favicon\.\w+$/)
      const icon = await fetch(`${built.origin}/${href?.[2]}`)
      expect(icon.status).toBe(200)
      expect(icon.headers.get('content-type')).toBe(href?.[1])
      expect(icon.headers.get('content-type')).toBe('image/svg+xml')
      expect(await icon.text()).toMatch(/^<svg /)
    } finally {
      await built.close()
    }
  })

  it('runs calls from its own origin with the token', async () => {
    const response = await call(
      'app.info',
      {},
      { origin: bridge.origin, 'x-switchboard-token': bridge.token },
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ ok: true, value: { dataDir: temp.dataDir } })
  })

  it('refuses calls without the token, with a wrong one, or from another origin', async () => {
    const noToken = await call('app.info', {}, { origin: bridge.origin })
    expect(noToken.status).toBe(403)
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const wrong = await call(
      'app.info',
      {},
      { origin: bridge.origin, 'x-switchboard-token': 'x'.repeat(bridge.token.length) },
    )
    expect(wrong.status).toBe(403)
    const foreign = await call(
      'app.info',
      {},
      { origin: 'http://evil.localhost', 'x-switchboard-token': bridge.token },
    )
    expect(foreign.status).toBe(403)
  })

  it('reports malformed JSON and bad arguments as INVALID_ARGUMENT', async () => {
    const headers = { origin: bridge.origin, 'x-switchboard-token': bridge.token }
    const malformed = await call('audit.list', '{"limit":', headers)
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const bad = await call('audit.list', { limit: -1 }, headers)
    expect(await bad.json()).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'limit' }] } } })
  })
})
