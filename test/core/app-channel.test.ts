// The channel between a headless process and the running app, over a real socket in a real data
// folder: only the token's holder is heard, bad requests are refused with a reason, answers arrive,
// a question nobody answers is a no, and an app that is gone is "unavailable" — not an error.
import { createConnection } from 'node:net'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  askApp,
  channelFileName,
  serveAppChannel,
  socketPathFor,
  type AppChannel,
  type ChannelHandlers,
  type ChannelRequest,
} from '../../src-main/hosting/app-channel.ts'
import { tempDir } from '../support/temp-core.ts'

const dirs: string[] = []
const channels: AppChannel[] = []
afterEach(async () => {
  for (const channel of channels.splice(0)) await channel.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const confirmRequest = (answerMs = 5_000): ChannelRequest => ({
  kind: 'confirm-call',
  requester: { pid: 42, purpose: 'the MCP server for Acme' },
  answerMs,
  call: {
    clientName: 'Acme',
    connectionId: 'conn_1',
    integrationName: 'CRM',
    environment: 'production',
    methodId: 'items.delete',
    methodName: 'Delete item',
    kind: 'delete',
    argumentsText: '{"id":"a1"}',
  },
})

async function serve(handlers: Partial<ChannelHandlers>) {
  const dir = tempDir('switchboard-channel-')
  dirs.push(dir)
  const asked: ChannelRequest[] = []
  const channel = await serveAppChannel(dir, {
    confirmCall: async (request, signal) => {
      asked.push(request)
      return (await handlers.confirmCall?.(request, signal)) ?? false
    },
    openVault: async (request, signal) => {
      asked.push(request)
      return (await handlers.openVault?.(request, signal)) ?? null
    },
  })
  channels.push(channel)
  return { dir, channel, asked }
}

/** Sends a raw line to the socket and reads the reply, as a process without the token would. */
function raw(path: string, line: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path, () => socket.write(line))
    let data = ''
    socket.on('data', (chunk) => (data += chunk.toString()))
    socket.on('end', () => resolve(JSON.parse(data) as Record<string, unknown>))
    socket.on('error', reject)
  })
}

describe('the app channel', () => {
  it('answers the token holder with the person’s answer, and keeps its file and socket to this user', async () => {
    let yes = true
    const { dir, channel, asked } = await serve({ confirmCall: async () => yes })
    expect(await askApp(dir, confirmRequest())).toEqual({ answer: 'confirmed' })
    yes = false
    expect(await askApp(dir, confirmRequest())).toEqual({
      answer: 'declined',
      reason: 'declined in Switchboard',
    })
    expect(asked[0]).toEqual(confirmRequest())
    expect(asked[0]).not.toHaveProperty('token')
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, channelFileName)).mode & 0o777).toBe(0o600)
      expect(statSync(channel.path).mode & 0o777).toBe(0o600)
    }
  }, 30_000)

  it('hands over a granted key, says when the app’s vault is locked, and passes on a no', async () => {
    const key = Buffer.alloc(32, 7)
    let reply: Buffer | 'locked' | null = key
    const { dir } = await serve({ openVault: async () => (reply === key ? Buffer.from(key) : reply) })
    const request: ChannelRequest = {
      kind: 'open-vault',
      requester: { pid: 1, purpose: 'x' },
      answerMs: 5_000,
    }
    expect(await askApp(dir, request)).toEqual({ answer: 'granted', key: key.toString('base64') })
    reply = 'locked'
    expect(await askApp(dir, request)).toEqual({ answer: 'locked' })
    reply = null
    expect(await askApp(dir, request)).toMatchObject({ answer: 'declined' })
  }, 30_000)

  it('refuses a wrong token and an invalid request, naming the field, without asking anyone', async () => {
    const { channel, asked } = await serve({ confirmCall: async () => true })
    const { token: _t, ...request } = { ...confirmRequest(), token: 'x' }
    const wrong = await raw(channel.path, `${JSON.stringify({ ...request, token: 'not-the-token' })}\n`)
    expect(wrong).toEqual({ error: 'The token is not this app’s.' })
    const invalid = await raw(
      channel.path,
      `${JSON.stringify({ ...request, token: 'x', answerMs: 'soon' })}\n`,
    )
    expect(String(invalid.error)).toMatch(/answerMs/)
    const garbled = await raw(channel.path, 'not json\n')
    expect(garbled).toEqual({ error: 'The request is not JSON.' })
    const huge = await raw(channel.path, 'x'.repeat(70 * 1024))
    expect(String(huge.error)).toMatch(/longer than/)
    expect(asked).toEqual([])
  }, 30_000)

  it('a question nobody answers is a no, and the dialog is told to close', async () => {
    let closed = false
    const { dir } = await serve({
      confirmCall: (_request, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            closed = true
            resolve(true)
          })
        }),
    })
    const reply = await askApp(dir, confirmRequest(300))
    expect(reply).toEqual({ answer: 'declined', reason: 'nobody answered in Switchboard within 1 s' })
    expect(closed).toBe(true)
  }, 30_000)

  it('no app, or an app gone without cleaning up, is "unavailable"', async () => {
    const dir = tempDir('switchboard-channel-')
    dirs.push(dir)
    expect(await askApp(dir, confirmRequest())).toEqual({ answer: 'unavailable' })
    // A crashed app's leftovers: the file names a socket nobody listens on.
    writeFileSync(
      join(dir, channelFileName),
      JSON.stringify({ path: socketPathFor(dir), token: 't', pid: 1 }),
    )
    expect(await askApp(dir, confirmRequest())).toEqual({ answer: 'unavailable' })
    // The next app starts over them, and removes its own file when it stops.
    const channel = await serveAppChannel(dir, { confirmCall: async () => true, openVault: async () => null })
    expect(await askApp(dir, confirmRequest())).toEqual({ answer: 'confirmed' })
    expect(JSON.parse(readFileSync(join(dir, channelFileName), 'utf8')).token).not.toBe('t')
    await channel.close()
    expect(existsSync(join(dir, channelFileName))).toBe(false)
    expect(await askApp(dir, confirmRequest())).toEqual({ answer: 'unavailable' })
  }, 30_000)

  it('puts the socket in the temp folder when the data folder’s path is too long for one', () => {
    expect(socketPathFor('/short')).toBe('/short/app.sock')
    const long = `/${'d'.repeat(120)}`
    expect(socketPathFor(long, 'linux')).toMatch(/switchboard-[0-9a-f]{16}\.sock$/)
    expect(socketPathFor(long, 'win32')).toMatch(/^\\\\\.\\pipe\\switchboard-[0-9a-f]{16}$/)
  })
})
