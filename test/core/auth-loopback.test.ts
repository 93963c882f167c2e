// The one-shot loopback listener, and sign-in attempts that end without the browser: a timeout or a
// cancel must leave no listener behind (the port refuses connections), and a new attempt replaces the
// old one. No authorization server is contacted before the browser comes back, so none runs here.
import { afterEach, describe, expect, it } from 'vitest'
import { listenForCallback } from '../../src-main/core/auth/loopback.ts'
import { AppError } from '../../src-main/core/errors.ts'
import { connectionOf, coreWith, oauthDefinition, portIsOpen } from '../support/oidc-server.ts'
import { rawRequest } from '../support/raw-http.ts'
import type { TempCore } from '../support/temp-core.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

describe('loopback listener', () => {
  it('listens on 127.0.0.1 only, ignores other paths, accepts one callback, then closes', async () => {
    const listener = await listenForCallback({ expectedState: 'the-state' })
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.port}/callback`)
    const favicon = await fetch(`http://127.0.0.1:${listener.port}/favicon.ico`)
    expect(favicon.status).toBe(404)
    expect(favicon.headers.get('content-security-policy')).toContain("default-src 'none'")
    const accepted = fetch(`${listener.redirectUri}?code=abc&state=the-state`)
    const request = await listener.callback
    expect(request.url.searchParams.get('code')).toBe('abc')
    // No second request gets in while the first is being answered, nor after.
    expect(await portIsOpen(listener.port)).toBe(false)
    request.respond({ ok: true })
    const page = await accepted
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await page.text()).toContain('Signed in — you can close this tab')
    await listener.closed
    expect(await portIsOpen(listener.port)).toBe(false)
  })

  it('answers malformed requests with 400 without crashing or ending the sign-in', async () => {
    const listener = await listenForCallback({ expectedState: 'the-state' })
    expect(await rawRequest(listener.port, 'GET http://[ HTTP/1.1')).toBe(400)
    const accepted = fetch(`${listener.redirectUri}?code=abc&state=the-state`)
    const request = await listener.callback
    request.respond({ ok: true })
    expect((await accepted).status).toBe(200)
  })

  it('is not reachable on other addresses of this computer', async () => {
    const listener = await listenForCallback({ expectedState: 's' })
    cleanups.push(() => listener.cancel(new Error('done')))
    const { networkInterfaces } = await import('node:os')
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && address.address !== '127.0.0.1')
      .map((address) => address?.address ?? '')
    for (const host of others) {
      await expect(fetch(`http://${host}:${listener.port}/callback?state=s`)).rejects.toThrow()
    }
  })

  it('refuses a wrong state with an error page, fails with "state mismatch" and closes', async () => {
    const listener = await listenForCallback({ expectedState: 'expected' })
    const page = await fetch(`${listener.redirectUri}?code=abc&state=other`)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('state mismatch')
    await expect(listener.callback).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      details: { reason: 'state_mismatch' },
    })
    await listener.closed
    expect(await portIsOpen(listener.port)).toBe(false)
  })

  it('times out and closes the port', async () => {
    const listener = await listenForCallback({ expectedState: 's', timeoutMs: 100 })
    await expect(listener.callback).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      details: { reason: 'timeout' },
    })
    await listener.closed
    expect(await portIsOpen(listener.port)).toBe(false)
  })

  it('closes on cancel', async () => {
    const listener = await listenForCallback({ expectedState: 's' })
    expect(await portIsOpen(listener.port)).toBe(true)
    listener.cancel(new AppError('UNAVAILABLE', 'cancelled'))
    await expect(listener.callback).rejects.toThrow('cancelled')
    await listener.closed
    expect(await portIsOpen(listener.port)).toBe(false)
  })
})

describe('sign-in attempts that end without the browser', () => {
  async function setUp(): Promise<{ temp: TempCore; id: string }> {
    const temp = await coreWith([
      oauthDefinition('local', {
        authorizationUrl: 'http://127.0.0.1:9/authorize',
        tokenUrl: 'http://127.0.0.1:9/token',
        scopes: ['read'],
      }),
    ])
    cleanups.push(temp.dispose)
    temp.core.auth.apps.set({ integrationId: 'local', clientId: 'app' })
    return { temp, id: connectionOf(temp, 'local') }
  }

  it('a timeout leaves no listener', async () => {
    const { temp, id } = await setUp()
    const attempt = await temp.core.auth.signIn.start(id, { open: false, timeoutMs: 150 })
    const port = Number(new URL(attempt.redirectUri).port)
    expect(await portIsOpen(port)).toBe(true)
    await expect(attempt.done).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('timed out'),
      details: { reason: 'timeout' },
    })
    expect(await portIsOpen(port)).toBe(false)
    expect(temp.core.auth.status(id)).toMatchObject({ signInInProgress: false, signedIn: false })
    expect(temp.core.auth.signIn.pending(id)).toBeNull()
    expect(temp.core.audit.list({}).events[0]).toMatchObject({
      action: 'auth.sign-in-failed',
      details: { reason: 'timeout' },
    })
  })

  it('cancel leaves no listener', async () => {
    const { temp, id } = await setUp()
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    const port = Number(new URL(attempt.redirectUri).port)
    expect(temp.core.auth.signIn.pending(id)).toMatchObject({ attemptId: attempt.attemptId })
    expect(temp.core.auth.signIn.cancel(attempt.attemptId)).toBe(true)
    await expect(attempt.done).rejects.toMatchObject({ details: { reason: 'cancelled' } })
    expect(await portIsOpen(port)).toBe(false)
    expect(temp.core.auth.signIn.cancel(attempt.attemptId)).toBe(false)
    expect(() => temp.core.auth.signIn.wait(attempt.attemptId)).toThrow(/No sign-in is waiting/)
  })

  it('a new attempt replaces the waiting one, with a fresh state and port', async () => {
    const { temp, id } = await setUp()
    const first = await temp.core.auth.signIn.start(id, { open: false })
    const second = await temp.core.auth.signIn.start(id, { open: false })
    await expect(first.done).rejects.toMatchObject({ details: { reason: 'cancelled' } })
    expect(await portIsOpen(Number(new URL(first.redirectUri).port))).toBe(false)
    const state = (url: string) => new URL(url).searchParams.get('state')
    expect(state(second.authorizationUrl)).not.toBe(state(first.authorizationUrl))
    expect(second.redirectUri).not.toBe(first.redirectUri)
    temp.core.auth.signIn.cancel(second.attemptId)
  })

  it('a paste-mode attempt times out too, and closing the core cancels what is waiting', async () => {
    const { temp, id } = await setUp()
    temp.core.auth.apps.set({
      integrationId: 'local',
      clientId: 'app',
      redirectUri: 'https://example.com/done',
    })
    const pasted = await temp.core.auth.signIn.start(id, { open: false, timeoutMs: 100 })
    expect(pasted.mode).toBe('paste')
    await expect(pasted.done).rejects.toMatchObject({ details: { reason: 'timeout' } })
    temp.core.auth.apps.set({ integrationId: 'local', clientId: 'app', redirectUri: null })
    const waiting = await temp.core.auth.signIn.start(id, { open: false })
    temp.core.close()
    await expect(waiting.done).rejects.toMatchObject({ details: { reason: 'cancelled' } })
    expect(await portIsOpen(Number(new URL(waiting.redirectUri).port))).toBe(false)
  })
})
