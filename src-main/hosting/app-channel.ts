// The channel from a headless Switchboard process (the MCP server) to the running app: a local socket
// (a Unix domain socket in the data folder; a named pipe on Windows) and, beside it, a file readable by
// this user only that names the socket and a random token every request must carry. Two questions go
// over it, each answered by the person in a native dialog of the app — never by the assistant's UI:
//   confirm-call  may this write or delete run on a production connection?
//   open-vault    may this process use the vault (the app hands over the key it holds)?
// One JSON line each way per connection. Neutral: the app serves it (src-main/assistant-requests.ts
// answers), the MCP host asks; neither imports the other.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JSONSchemaType, ValidateFunction } from 'ajv'
import type { McpToolKind } from '../contract/types.ts'
import { createAjv, describeIssues, toIssues } from '../core/validation/ajv.ts'

export const channelFileName = 'app-channel.json'
/** A dialog nobody answers is a no: before the assistant's own request timeout (60 s in the SDK). */
export const defaultAnswerMs = 45_000
const maxLineBytes = 64 * 1024

/** What the person is asked to confirm: everything shown in the dialog, none of it secret. */
export interface CallToConfirm {
  clientName: string
  connectionId: string
  integrationName: string
  environment: 'sandbox' | 'production'
  methodId: string
  methodName: string
  kind: McpToolKind
  /** The assistant's arguments as JSON, cut to a length a dialog can show. */
  argumentsText: string
}

export interface Requester {
  pid: number
  /** What the process serves, in words ("the MCP server for Acme"). */
  purpose: string
}

export type ChannelRequest =
  | { kind: 'confirm-call'; requester: Requester; call: CallToConfirm; answerMs: number }
  | { kind: 'open-vault'; requester: Requester; answerMs: number }

export type ChannelAnswer =
  | { answer: 'confirmed' }
  | { answer: 'granted'; key: string }
  | { answer: 'declined'; reason: string }
  | { answer: 'locked' }
  /** No app answered: it is not running (or not for this data folder). */
  | { answer: 'unavailable' }

export interface ChannelHandlers {
  confirmCall(
    request: Extract<ChannelRequest, { kind: 'confirm-call' }>,
    signal: AbortSignal,
  ): Promise<boolean>
  /** The master key to hand over (wiped once sent), 'locked' when the app's vault is locked, or null when declined. */
  openVault(
    request: Extract<ChannelRequest, { kind: 'open-vault' }>,
    signal: AbortSignal,
  ): Promise<Buffer | 'locked' | null>
}

interface ChannelFile {
  path: string
  token: string
  pid: number
}

type Envelope = ChannelRequest & { token: string }

const requester: JSONSchemaType<Requester> = {
  type: 'object',
  required: ['pid', 'purpose'],
  additionalProperties: false,
  properties: {
    pid: { type: 'integer', minimum: 0 },
    purpose: { type: 'string', maxLength: 500 },
  },
}
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const
const answerMs = { type: 'integer', minimum: 100, maximum: 600_000 } as const
const envelopeSchema = {
  oneOf: [
    {
      type: 'object',
      required: ['token', 'kind', 'requester', 'call', 'answerMs'],
      additionalProperties: false,
      properties: {
        token: text(200),
        kind: { const: 'confirm-call' },
        requester,
        answerMs,
        call: {
          type: 'object',
          additionalProperties: false,
          required: [
            'clientName',
            'connectionId',
            'integrationName',
            'environment',
            'methodId',
            'methodName',
            'kind',
            'argumentsText',
          ],
          properties: {
            clientName: text(500),
            connectionId: text(500),
            integrationName: text(500),
            environment: { enum: ['sandbox', 'production'] },
            methodId: text(500),
            methodName: text(500),
            kind: { enum: ['read', 'write', 'delete'] },
            argumentsText: { type: 'string', maxLength: 4_000 },
          },
        },
      },
    },
    {
      type: 'object',
      required: ['token', 'kind', 'requester', 'answerMs'],
      additionalProperties: false,
      properties: { token: text(200), kind: { const: 'open-vault' }, requester, answerMs },
    },
  ],
}
// Compiled on the first request the app answers: every `switchboard mcp` loads this module, and
// compiling at load cost its start-up about 60 ms.
let envelopeValidator: ValidateFunction<Envelope> | undefined
const validateEnvelope = () =>
  (envelopeValidator ??= createAjv({ useDefaults: false }).compile<Envelope>(envelopeSchema))

/** Where the socket lives: in the data folder when the path fits a socket address, else in the temp folder. */
export function socketPathFor(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 16)
  if (platform === 'win32') return `\\\\.\\pipe\\switchboard-${id}`
  const inFolder = join(dataDir, 'app.sock')
  // sun_path holds 104 bytes on macOS, 108 on Linux.
  return Buffer.byteLength(inFolder) < 100 ? inFolder : join(tmpdir(), `switchboard-${id}.sock`)
}

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Reads one newline-ended line (at most maxLineBytes) from a socket. */
function readLine(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const end = buffered.indexOf('\n')
      if (end >= 0) {
        cleanup()
        resolve(buffered.slice(0, end))
      } else if (Buffer.byteLength(buffered) > maxLineBytes) {
        cleanup()
        reject(new Error(`the request is longer than ${maxLineBytes} bytes`))
      }
    }
    const onEnd = () => {
      cleanup()
      reject(new Error('the connection closed before a whole line arrived'))
    }
    const cleanup = () => {
      socket.off('data', onData)
      socket.off('end', onEnd)
      socket.off('error', onEnd)
    }
    socket.on('data', onData)
    socket.on('end', onEnd)
    socket.on('error', onEnd)
  })
}

export interface AppChannel {
  path: string
  close(): Promise<void>
}

/** The app's end: listens, writes the channel file, answers each request with the handlers. */
export async function serveAppChannel(dataDir: string, handlers: ChannelHandlers): Promise<AppChannel> {
  const path = socketPathFor(dataDir)
  const token = randomBytes(32).toString('base64url')
  const open = new Set<AbortController>()

  const answer = async (line: string, signal: AbortSignal): Promise<ChannelAnswer | { error: string }> => {
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      return { error: 'The request is not JSON.' }
    }
    const valid = validateEnvelope()
    if (!valid(parsed))
      return { error: `The request is not valid: ${describeIssues(toIssues(valid.errors))}.` }
    if (!sameToken(parsed.token, token)) return { error: 'The token is not this app’s.' }
    const { token: _token, ...request } = parsed
    const timer = AbortSignal.timeout(request.answerMs)
    const both = AbortSignal.any([signal, timer])
    const unanswered = () => ({
      answer: 'declined' as const,
      reason: timer.aborted
        ? `nobody answered in Switchboard within ${Math.ceil(request.answerMs / 1000)} s`
        : 'Switchboard closed the question',
    })
    try {
      if (request.kind === 'confirm-call') {
        const yes = await handlers.confirmCall(request, both)
        if (both.aborted) return unanswered()
        return yes ? { answer: 'confirmed' } : { answer: 'declined', reason: 'declined in Switchboard' }
      }
      const key = await handlers.openVault(request, both)
      if (key === 'locked') return { answer: 'locked' }
      if (both.aborted || key === null) {
        key?.fill(0)
        return both.aborted ? unanswered() : { answer: 'declined', reason: 'declined in Switchboard' }
      }
      const sent = { answer: 'granted' as const, key: key.toString('base64') }
      key.fill(0)
      return sent
    } catch (error) {
      return { error: `The app could not ask: ${error instanceof Error ? error.message : String(error)}` }
    }
  }

  const server = createServer((socket) => {
    const controller = new AbortController()
    open.add(controller)
    socket.on('close', () => {
      // The asker gave up (or timed out): the dialog goes away with it.
      controller.abort()
      open.delete(controller)
    })
    socket.on('error', () => {})
    readLine(socket)
      .then((line) => answer(line, controller.signal))
      .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
      .then((reply) => {
        if (!socket.destroyed) socket.end(`${JSON.stringify(reply)}\n`)
      })
  })
  // A socket file left by an app that crashed would block listen().
  if (process.platform !== 'win32') rmSync(path, { force: true })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => {
      server.off('error', reject)
      resolve()
    })
  })
  if (process.platform !== 'win32') chmodSync(path, 0o600)
  const file = join(dataDir, channelFileName)
  const staging = `${file}.${process.pid}.tmp`
  const content: ChannelFile = { path, token, pid: process.pid }
  writeFileSync(staging, JSON.stringify(content), { mode: 0o600 })
  renameSync(staging, file)

  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of open) controller.abort()
        // Only our own file: another app may have started on this folder since.
        try {
          const current = JSON.parse(readFileSync(file, 'utf8')) as Partial<ChannelFile>
          if (current.token === token) rmSync(file, { force: true })
        } catch {
          // Gone already.
        }
        server.close(() => resolve())
      }),
  }
}

function readChannelFile(dataDir: string): ChannelFile | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, channelFileName), 'utf8')) as Partial<ChannelFile>
    return typeof parsed.path === 'string' &&
      typeof parsed.token === 'string' &&
      typeof parsed.pid === 'number'
      ? { path: parsed.path, token: parsed.token, pid: parsed.pid }
      : null
  } catch {
    return null
  }
}

const replyAnswers = new Set(['confirmed', 'granted', 'declined', 'locked'])

/**
 * The asker's end: sends one request to the app of this data folder and waits for the person's
 * answer. 'unavailable' when no app is listening; a refused or garbled exchange is an error.
 */
export async function askApp(dataDir: string, request: ChannelRequest): Promise<ChannelAnswer> {
  const channel = readChannelFile(dataDir)
  if (!channel) return { answer: 'unavailable' }
  const socket = createConnection(channel.path)
  const connected = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true))
    socket.once('error', () => resolve(false))
  })
  if (!connected) {
    socket.destroy()
    return { answer: 'unavailable' }
  }
  // A little longer than the app's own deadline, so its "nobody answered" arrives first.
  socket.setTimeout(request.answerMs + 5_000, () => socket.destroy(new Error('the app did not answer')))
  try {
    const line = readLine(socket)
    socket.write(`${JSON.stringify({ ...request, token: channel.token })}\n`)
    const reply = JSON.parse(await line) as Partial<{
      answer: string
      key: string
      reason: string
      error: string
    }>
    if (typeof reply.error === 'string') throw new Error(`the app refused the request: ${reply.error}`)
    if (!reply.answer || !replyAnswers.has(reply.answer))
      throw new Error('the app sent an answer this version does not know')
    if (reply.answer === 'granted') {
      if (typeof reply.key !== 'string') throw new Error('the app granted the vault without a key')
      return { answer: 'granted', key: reply.key }
    }
    if (reply.answer === 'declined') return { answer: 'declined', reason: String(reply.reason ?? 'declined') }
    return { answer: reply.answer as 'confirmed' | 'locked' }
  } finally {
    socket.destroy()
  }
}
