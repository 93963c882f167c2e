// The inbound webhooks service: a connection's receiver → signature check → ingest once → policy
// → outbox → dispatch, plus what the inspector and the CLI need (events, replay, receiver control,
// settings). The signing secret is read from the vault and never leaves this module.
import type {
  WebhookEndpointView,
  WebhookEventSummary,
  WebhookSettingsView,
} from '../../contract/webhooks.ts'
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { AppError } from '../errors.ts'
import type { EventBus } from '../events/bus.ts'
import type { Clock, Logger } from '../host.ts'
import { createDispatcher, type DispatcherOptions } from './dispatcher.ts'
import { extractEventFacts } from './extract.ts'
import { decide } from './policy.ts'
import { startReceiver, type ReceivedRequest, type Receiver, type ReceiverReply } from './receiver.ts'
import { eventFields, type HeaderBag, type Verdict } from './signatures/index.ts'
import { createWebhookStore } from './store.ts'
import { verifyWithContext, webhookContext, type WebhookContext } from './verify-request.ts'
import type { Db } from '../db/open.ts'

export interface WebhooksDeps {
  db: Db
  connections: Connections
  definitions: DefinitionRegistry
  writer: Writer
  clock: Clock
  logger: Logger
  events: EventBus
  dispatch?: Partial<
    Pick<DispatcherOptions, 'concurrency' | 'timeoutMs' | 'backoff' | 'leaseMs' | 'idleMs' | 'fetch'>
  >
}

/** Credentials a sender might put on the request are never stored. */
const unstoredHeaders = new Set(['authorization', 'proxy-authorization', 'cookie'])
/** How long a receiver reuses a connection's secret and settings before reading them again. */
const contextTtlMs = 5_000

export function createWebhooks(deps: WebhooksDeps) {
  const { connections, definitions, clock, logger, events, writer } = deps
  const store = createWebhookStore(deps.db, writer)
  const dispatcher = createDispatcher({
    store,
    clock,
    logger,
    ...deps.dispatch,
    onChange: ({ eventId, connectionId, state }) =>
      events.emit('webhooks.event', { connectionId, eventId, change: 'dispatch', state }),
  })
  const receivers = new Map<string, { receiver: Receiver; startedAt: Date; forget(): void }>()

  const verify = (
    connectionId: string,
    request: { headers: HeaderBag; body: Uint8Array | string },
  ): Verdict =>
    verifyWithContext(webhookContext(connections, definitions, connectionId), request, clock.now().getTime())

  /** The pipeline for one request to a connection's receiver; the reply is sent once it is stored. */
  const receive = (
    connectionId: string,
    context: WebhookContext,
    settings: WebhookSettingsView,
    request: ReceivedRequest,
  ): ReceiverReply => {
    const now = clock.now()
    const verdict = verifyWithContext(context, request, now.getTime())
    const facts = extractEventFacts(eventFields(context.settings), request)
    const decision = verdict.valid ? decide(settings, facts.eventType) : 'rejected'
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !unstoredHeaders.has(name.toLowerCase())),
    )
    const result = store.ingest({
      connectionId,
      receivedAt: now,
      ...facts,
      method: request.method,
      path: request.path,
      headers,
      body: request.body,
      verdict: verdict.valid ? { valid: true } : verdict,
      decision,
    })
    if (!result.duplicate) {
      events.emit('webhooks.event', { connectionId, eventId: result.id, change: 'received', decision })
      if (decision === 'accepted') dispatcher.notify()
    }
    if (!verdict.valid)
      return { status: 401, body: `Signature refused (${verdict.reason}): ${verdict.message}\n` }
    // Slack checks a new Events API URL by asking for its challenge back.
    if (context.settings.scheme === 'slack') {
      const challenge = slackChallenge(request.body)
      if (challenge !== null) return { status: 200, body: challenge }
    }
    return { status: 200, body: result.duplicate ? 'duplicate\n' : `${decision}\n` }
  }

  const startReceiverFor = async (
    connectionId: string,
    port?: number | null,
  ): Promise<WebhookEndpointView> => {
    if (receivers.has(connectionId)) return endpoint(connectionId)
    // Fails early (unknown connection, no scheme, locked vault) rather than on the first request.
    webhookContext(connections, definitions, connectionId)
    let cached: { context: WebhookContext; settings: WebhookSettingsView; at: number } | null = null
    const current = () => {
      const at = clock.now().getTime()
      if (!cached || at - cached.at > contextTtlMs)
        cached = {
          context: webhookContext(connections, definitions, connectionId),
          settings: store.settingsOf(connectionId),
          at,
        }
      return cached
    }
    const wanted = port === undefined ? store.settingsOf(connectionId).port : port
    let receiver: Receiver
    try {
      receiver = await startReceiver({
        port: wanted,
        logger,
        handle: (request) => {
          const { context, settings } = current()
          return receive(connectionId, context, settings, request)
        },
      })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new AppError(
          'CONFLICT',
          `Port ${wanted} on 127.0.0.1 is already in use; choose another or leave it empty.`,
          {
            issues: [{ path: 'port', message: 'is in use' }],
          },
        )
      throw error
    }
    receivers.set(connectionId, { receiver, startedAt: clock.now(), forget: () => (cached = null) })
    dispatcher.start()
    events.emit('webhooks.receiver', { connectionId, running: true, url: receiver.url })
    return endpoint(connectionId)
  }

  const stopReceiverFor = async (connectionId: string): Promise<WebhookEndpointView> => {
    const entry = receivers.get(connectionId)
    if (entry) {
      receivers.delete(connectionId)
      await entry.receiver.close()
      events.emit('webhooks.receiver', { connectionId, running: false, url: null })
    }
    return endpoint(connectionId)
  }

  const endpoint = (connectionId: string): WebhookEndpointView => {
    const row = connections.row(connectionId)
    const definition = definitions.get(row.integrationId, row.definitionVersion)
    const settings = definition.webhooks
    const secretField = settings?.secretField ?? null
    const secretSet =
      secretField !== null && connections.get(connectionId).secrets.some((s) => s.field === secretField)
    const running = receivers.get(connectionId)
    return {
      connectionId,
      integrationId: row.integrationId,
      scheme: settings?.supported && settings.scheme ? settings.scheme : null,
      signatureHeader: settings?.signatureHeader ?? null,
      secretField,
      secretSet,
      knownEvents: settings?.events ?? [],
      settings: store.settingsOf(connectionId),
      receiver: {
        running: Boolean(running),
        url: running?.receiver.url ?? null,
        startedAt: running?.startedAt.toISOString() ?? null,
      },
      counts: store.counts(connectionId),
    }
  }

  /** Every connection whose (pinned) definition declares a signature scheme. */
  const endpoints = (): WebhookEndpointView[] =>
    connections
      .list()
      .filter((view) => {
        const settings = definitions.get(view.integrationId, view.definitionVersion).webhooks
        return Boolean(settings?.supported && settings.scheme)
      })
      .map((view) => endpoint(view.id))

  const updateSettings = (
    connectionId: string,
    changes: Partial<WebhookSettingsView>,
  ): WebhookEndpointView => {
    connections.row(connectionId)
    if (changes.targetUrl) checkTarget(changes.targetUrl)
    const next = { ...store.settingsOf(connectionId), ...changes }
    writer.write((tx, audit) => {
      store.saveSettings(tx, connectionId, next, clock.now())
      return audit.record({
        action: 'webhooks.settings',
        connection: connectionId,
        details: { changed: Object.keys(changes).sort() },
      })
    })
    receivers.get(connectionId)?.forget()
    if (next.targetUrl) {
      dispatcher.start()
      dispatcher.notify()
    }
    return endpoint(connectionId)
  }

  const replay = (eventId: number): WebhookEventSummary => {
    const event = writer.write((tx, audit) => {
      store.replay(tx, eventId, clock.now())
      const replayed = store.get(eventId)
      return audit.record(
        { action: 'webhooks.replayed', connection: replayed.connectionId, details: { event: eventId } },
        replayed,
      )
    })
    dispatcher.start()
    dispatcher.notify()
    events.emit('webhooks.event', {
      connectionId: event.connectionId,
      eventId,
      change: 'dispatch',
      state: 'pending',
    })
    const {
      method: _m,
      path: _p,
      headers: _h,
      body: _b,
      bodyBytes: _n,
      verdictMessage: _v,
      ...summary
    } = event
    return summary
  }

  return {
    verify,
    startReceiver: startReceiverFor,
    stopReceiver: stopReceiverFor,
    endpoint,
    endpoints,
    updateSettings,
    replay,
    list: store.list,
    get: store.get,
    /** Starts the dispatcher (hosts that forward without running a receiver, e.g. after a restart). */
    startDispatcher: () => dispatcher.start(),
    dispatcherStats: () => dispatcher.stats(),
    /** Stops taking work at once (the database may close right after); resolves when all is closed. */
    async close(): Promise<void> {
      const stopping = dispatcher.stop()
      await Promise.all([...receivers.keys()].map((id) => stopReceiverFor(id)))
      await stopping
    },
  }
}

function slackChallenge(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { type?: unknown; challenge?: unknown }
    return parsed.type === 'url_verification' && typeof parsed.challenge === 'string'
      ? parsed.challenge
      : null
  } catch {
    return null
  }
}

/** Targets are http(s) URLs; the user chooses them, loopback included (their own local app). */
function checkTarget(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw AppError.invalid(`The target "${url}" is not a URL.`, [
      { path: 'targetUrl', message: 'is not a URL' },
    ])
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw AppError.invalid('The target must be an http:// or https:// URL.', [
      { path: 'targetUrl', message: 'must use http or https' },
    ])
  if (parsed.username || parsed.password)
    throw AppError.invalid('The target must not carry a user name or password.', [
      { path: 'targetUrl', message: 'must not contain credentials' },
    ])
}

export type Webhooks = ReturnType<typeof createWebhooks>
