// The one factory every host calls. It opens the data folder, brings the schema up to date and
// wires the services into the handler table of the API contract.
import { mkdirSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import type { Handlers } from '../contract/api.ts'
import type { AppInfo } from '../contract/types.ts'
import { createDispatch, type Dispatch } from './api/dispatch.ts'
import { createAuditLog, type AuditLog } from './audit/audit-log.ts'
import { authHandlers } from './auth/handlers.ts'
import { createAuth, type Auth } from './auth/index.ts'
import { applyMigrations, migrationStatus } from './db/migrations.ts'
import { openDatabase, type Db } from './db/open.ts'
import { silentLogger, systemClock, systemTimers, type CoreHost, type Logger } from './host.ts'
import { resources } from './paths.ts'
import { createClients, type Clients } from './connections/clients.ts'
import { createConnections, type Connections } from './connections/connections.ts'
import { connectionHandlers } from './connections/handlers.ts'
import { createTransfer } from './connections/transfer.ts'
import { createUpgrades } from './connections/upgrade.ts'
import { definitionHandlers } from './definitions/handlers.ts'
import { createVault, type Vault } from './vault/vault.ts'
import { httpConnector } from './connectors/http/index.ts'
import { mockConnector } from './connectors/mock.ts'
import { createConnectorRegistry, type ConnectorRegistry } from './connectors/registry.ts'
import { createRuntime, type Runtime } from './runtime/index.ts'
import { createRuntimeServices, runtimeHandlers, type RuntimeServices } from './runtime/handlers.ts'
import { createStatus, type Status } from './status/index.ts'
import { createWebhooks, type Webhooks } from './webhooks/index.ts'
import { webhookHandlers } from './webhooks/handlers.ts'
import { createEventBus, type EventBus } from './events/bus.ts'
import { createDefinitionRegistry, type DefinitionRegistry } from './definitions/index.ts'
import { createHealth, type Health } from './health/index.ts'
import { healthHandlers } from './health/handlers.ts'
import { memorySettings } from './health/settings.ts'

export interface Core {
  readonly db: Db
  readonly audit: AuditLog
  readonly definitions: DefinitionRegistry
  readonly vault: Vault
  readonly clients: Clients
  readonly connections: Connections & ReturnType<typeof createTransfer>
  readonly auth: Auth
  readonly connectors: ConnectorRegistry
  /** Resolves when the connectors manifest has been read (failures are kept in the report). */
  readonly connectorsLoaded: Promise<unknown>
  readonly runtime: Runtime
  readonly runtimeServices: RuntimeServices
  readonly status: Status
  readonly webhooks: Webhooks
  /** Health checks, their history and the scheduler (started by the app, see startScheduler). */
  readonly health: Health
  /** The push events for the renderer (hosts carry them: IPC, the bridge's SSE). */
  readonly events: EventBus
  readonly logger: Logger
  readonly handlers: Handlers
  readonly dispatch: Dispatch
  info(): AppInfo
  close(): void
}

export const databaseFileName = 'switchboard.db'

function osUser(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}

export function createCore(host: CoreHost): Core {
  const logger = host.logger ?? silentLogger
  const clock = host.clock ?? systemClock
  const migrationsDir = host.migrationsDir ?? resources().migrationsDir
  mkdirSync(host.dataDir, { recursive: true })
  const databaseFile = join(host.dataDir, databaseFileName)
  const db = openDatabase(databaseFile)
  try {
    applyMigrations(db, migrationsDir)
  } catch (error) {
    db.$client.close()
    throw error
  }
  const actor = host.actor ?? osUser()
  const audit = createAuditLog(db, clock, actor)
  const definitions = createDefinitionRegistry({
    db,
    clock,
    audit,
    logger,
    // Loaded on first use: the OpenAPI parser is large and most starts never need it.
    convertOpenApi: async (document, sourceName) =>
      (await import('./definitions/openapi/index.ts')).definitionFromOpenApi(document, { sourceName }),
  })
  definitions.loadBundled(host.definitionsDir ?? resources().definitionsDir)
  const vault = createVault({ db, protector: host.keyProtector, clock, logger })
  const clients = createClients({ db, vault, audit, clock })
  const status = createStatus({ db, clock })
  const connections = createConnections({
    db,
    vault,
    clients,
    definitions,
    audit,
    clock,
    logger,
    actor,
    status,
  })
  const upgrade = createUpgrades(connections, definitions, audit)
  const transfer = createTransfer({ db, clients, connections, audit, now: () => clock.now() })
  const auth = createAuth({
    db,
    vault,
    connections,
    definitions,
    audit,
    clock,
    logger,
    openUrl: (url) => host.openUrl(url),
  })

  const connectors = createConnectorRegistry()
  connectors.register('http', httpConnector)
  connectors.register('mock', mockConnector)
  const connectorsLoaded = connectors
    .discover(host.definitionsDir ?? resources().definitionsDir)
    .catch((error: unknown) => logger.error('connectors manifest failed', { error: String(error) }))
  const runtime = createRuntime({
    db,
    connections,
    definitions,
    auth,
    connectors,
    clock,
    logger,
    onCallFinished: (result, operation) => {
      if (operation === 'invoke') status.callFinished(result)
    },
  })
  const runtimeServices = createRuntimeServices({
    runtime,
    connections,
    definitions,
    connectors,
    connectorsLoaded,
  })
  const events = createEventBus(logger)
  const webhooks = createWebhooks({ db, connections, definitions, audit, clock, logger, events })
  const health = createHealth({
    db,
    connections,
    definitions,
    runtime,
    auth,
    webhooks,
    status,
    events,
    clock,
    logger,
    connectorsLoaded,
    // Until the data folder has its settings table, the health settings live in this process.
    settings: memorySettings(),
    ...(host.notify ? { notify: host.notify } : {}),
    ...(host.power ? { power: host.power } : {}),
    timers: host.timers ?? systemTimers,
  })

  const info = (): AppInfo => {
    const migrations = migrationStatus(db, migrationsDir)
    return {
      appVersion: host.appVersion,
      dataDir: host.dataDir,
      databaseFile,
      schemaVersion: migrations.filter((m) => m.applied).length,
      migrations,
      runtime: {
        node: process.versions.node,
        electron: host.electronVersion ?? null,
        platform: process.platform,
        arch: process.arch,
      },
      keyProtector: host.keyProtector.status(),
    }
  }

  const handlers: Handlers = {
    'app.info': () => info(),
    'audit.list': (args) => audit.list(args),
    'audit.verify': () => audit.verify(),
    ...definitionHandlers(definitions),
    ...connectionHandlers({ vault, clients, connections, upgrade, transfer, auth }),
    ...authHandlers(auth),
    ...runtimeHandlers({
      runtime,
      connections,
      definitions,
      connectors,
      connectorsLoaded,
      services: runtimeServices,
      onChecked: (connectionId, ok, message) => status.checked(connectionId, ok, message),
    }),
    ...webhookHandlers(webhooks),
    ...healthHandlers(health),
  }

  return {
    db,
    audit,
    definitions,
    vault,
    clients,
    connections: { ...connections, ...transfer },
    auth,
    connectors,
    connectorsLoaded,
    runtime,
    runtimeServices,
    status,
    webhooks,
    health,
    events,
    logger,
    handlers,
    dispatch: createDispatch(handlers, logger),
    info,
    close: () => {
      // Receivers close their sockets; deliveries in flight finish in the background (their
      // claims expire, so whatever did not record its outcome is sent again next time).
      health.stopScheduler()
      void webhooks.close()
      auth.close()
      vault.lock()
      db.$client.close()
    },
  }
}
