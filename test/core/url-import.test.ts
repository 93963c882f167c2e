// URL imports cannot be steered: every redirect hop is checked before it is requested, private and
// loopback addresses are reached only when the user typed that host, and errors never echo the body.
// Two loopback addresses stand in for "the server the user typed" (127.0.0.1) and "another host on
// this computer" (127.0.0.2); no traffic leaves the machine.
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { fetchDefinitionText } from '../../src-main/core/definitions/fetch-url.ts'
import { isPrivateAddress } from '../../src-main/core/net/private-address.ts'
import { makeDefinition } from '../support/definitions.ts'
import { createTempCore } from '../support/temp-core.ts'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

async function listen(
  host: string,
  handler: (path: string) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const connections: Socket[] = []
  const server = createServer((req, res) => {
    const answer = handler(req.url ?? '/')
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
    res.end(answer.body ?? '')
  })
  server.on('connection', (socket) => connections.push(socket))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  return { origin: `http://${host}:${(server.address() as AddressInfo).port}`, connections }
}

describe('URL import', () => {
  it('never requests a redirect target on another local host', async () => {
    const inside = await listen('127.0.0.2', () => ({
      status: 200,
      body: JSON.stringify(makeDefinition('inner')),
    }))
    const port = new URL(inside.origin).port
    const outside = await listen('127.0.0.1', (path) => ({
      status: 302,
      headers: { location: path === '/https' ? `https://127.0.0.2:${port}/x` : `http://127.0.0.2:${port}/x` },
    }))
    await expect(fetchDefinitionText(`${outside.origin}/https`)).rejects.toThrow(
      /redirects to 127\.0\.0\.2:\d+, an address on this computer or the local network/,
    )
    await expect(fetchDefinitionText(`${outside.origin}/http`)).rejects.toThrow(
      /redirects to a URL that cannot be imported/,
    )
    expect(inside.connections).toHaveLength(0)
  })

  it('follows redirects on the host the user typed, up to a limit', async () => {
    const server = await listen('127.0.0.1', (path) =>
      path === '/final'
        ? { status: 200, body: JSON.stringify(makeDefinition('moved')) }
        : path === '/loop'
          ? { status: 302, headers: { location: '/loop' } }
          : { status: 301, headers: { location: '/final' } },
    )
    const text = await fetchDefinitionText(`${server.origin}/old`)
    expect(JSON.parse(text.toString('utf8'))).toMatchObject({ integrationId: 'moved' })
    await expect(fetchDefinitionText(`${server.origin}/loop`)).rejects.toThrow(/more than 5 redirects/)
  })

  it('does not echo what the server returned in its errors', async () => {
    const body = 'PLANTED-body-secret sk_live_PLANTED0000000000000000'
    const server = await listen('127.0.0.1', () => ({ status: 200, body }))
    const temp = createTempCore()
    try {
      const outcome = await temp.core.dispatch('definitions.importUrl', { url: `${server.origin}/bad.json` })
      expect(JSON.stringify(outcome)).toMatch(/is not valid JSON/)
      expect(JSON.stringify(outcome)).not.toMatch(/PLANTED/)
    } finally {
      temp.dispose()
    }
  })

  it('knows the private, loopback and link-local ranges', () => {
    for (const address of [
      '127.0.0.2',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '0.0.0.0',
      // Through a NAT64 gateway: loopback, the local network, cloud metadata.
      '64:ff9b::7f00:1',
      '64:ff9b::a01:203',
      '64:ff9b::a9fe:a9fe',
    ])
      expect(isPrivateAddress(address), address).toBe(true)
    for (const address of ['93.184.215.14', '2606:4700::1111', '8.8.8.8', '64:ff9b::808:808'])
      expect(isPrivateAddress(address), address).toBe(false)
  })
})
