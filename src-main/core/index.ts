// The one factory every host calls. It opens the data folder, brings the schema up to date and
// wires the services into the handler table of the API contract.
import { userInfo } from 'node:os'
import { join } from 'node:path'
import type { Handlers } from '../contract/api.ts'
import type { AppInfo, AuditExport, AuditFilter } from '../contract/types.ts'
import { createDispatch, type Dispatch } from './api/dispatch.ts'
import { createAuditLog, type AuditLog } from './audit/audit-log.ts'
import { authHandlers } from './auth/handlers.ts'
import { createAuth, type Auth } from './auth/index.ts'
import { recoverIfDamaged, snapshotSync } from './db/backup.ts'
import { createBackupService, type BackupService } from './db/backup-service.ts'
import { applyMigrations, migrationStatus } from './db/migrations.ts'
import { openDatabase, type Db } from './db/open.ts'
import { ensurePrivateDir } from './db/private-files.ts'
import { createLeases, type Leases } from './db/lease.ts'
import { createWriter, type Writer } from './db/write.ts'
import { silentLogger, systemClock, systemTimers, type CoreHost, type Logger } from './host.ts'
import { resources } from './paths.ts'
import { createClients, type Clients } from './connections/clients.ts'
import { createConnections, type Connections } from './connections/connections.ts'
import { connectionHandlers } from './connections/handlers.ts'
import { createRemoval, type Removal } from './connections/removal.ts'
import { checkpointSecrets } from './db/checkpoint.ts'
import { createIdleLock, type IdleLock } from './vault/idle-lock.ts'
import { createTransfer } from './connections/transfer.ts'
import { createUpgrades, type Upgrades } from './connections/upgrade.ts'
import { definitionHandlers } from './definitions/handlers.ts'
import { createVault, type Vault } from './vault/vault.ts'
import { httpConnector } from './connectors/http/index.ts'
import { mockConnector } from './connectors/mock.ts'
import { mcpConnector } from './connectors/mcp/index.ts'
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
import { createSettings, type Settings } from './settings/index.ts'
import { createMcpTools, type McpTools } from './mcp/tools.ts'

export interface Core {
  readonly db: Db
  /** Reading and checking the trail; appending happens only through the writer. */
  readonly audit: Pick<AuditLog, 'list' | 'verify' | 'exportLines' | 'headFile'>
  /** The one way to change the database: a BEGIN IMMEDIATE transaction with its audit event. */
  readonly writer: Writer
  /** Cross-process leases: runOnce(name, ttl, fn) for jobs that must run in one process at a time. */
  readonly leases: Leases
  readonly settings: Settings
  /** Backups: on request, daily (hosts that stay up call startDaily), before migrations; restore. */
  readonly backups: BackupService
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
  /** A client's connections as MCP tools (the MCP host serves them; mcp.preview shows them). */
  readonly mcp: McpTools
  /** Health checks, their history and the scheduler (started by the app, see startScheduler). */
  readonly health: Health
  /** The push events for the renderer (hosts carry them: IPC, the bridge's SSE). */
  readonly events: EventBus
  /** Deleting connections and removing clients, tokens revoked first: every host calls this. */
  readonly removal: Removal
  /** Plans or applies moving a connection to a newer version of its definition. */
  readonly upgrade: Upgrades
  /** The shell reports the window's input here (activity); of dispatched calls, only commands count. */
  readonly idleLock: IdleLock
  readonly logger: Logger
  readonly handlers: Handlers
  readonly dispatch: Dispatch
  info(): AppInfo
  exportAudit(filter: AuditFilter): AuditExport
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
  ensurePrivateDir(host.dataDir)
  const databaseFile = join(host.dataDir, databaseFileName)
  // A damaged database is moved aside and the newest sound backup takes its place, before anything
  // opens it; hosts tell the user (info().recovery). Never a silent start on an empty database.
  const recovery = recoverIfDamaged(host.dataDir, databaseFile, clock.now())
  if (recovery) logger.info('the database was damaged and has been replaced', { ...recovery })
  const db = openDatabase(databaseFile)
  try {
    const pending = migrationStatus(db, migrationsDir)
    // Before a migration changes the schema of a database in use, a copy of it as it was.
    if (pending.some((m) => m.applied) && pending.some((m) => !m.applied))
      snapshotSync(db, host.dataDir, clock.now(), 'pre-migration')
    applyMigrations(db, migrationsDir)
    // A migration may rewrite what secrets left behind (0009 replaces old hints): no old page stays
    // in the WAL.
    if (pending.some((m) => !m.applied)) checkpointSecrets(db)
  } catch (error) {
    db.$client.close()
    throw error
  }
  const actor = host.actor ?? osUser()
  // The audit key comes from the vault, which itself records its events through the writer.
  const vaultRef: { current?: Vault } = {}
  const theVault = (): Vault => {
    if (!vaultRef.current) throw new Error('the vault is created before any event is recorded')
    return vaultRef.current
  }
  const audit = createAuditLog({
    db,
    clock,
    actor,
    host: host.hostKind,
    dataDir: host.dataDir,
    auditKey: () => theVault().auditKey(),
    vaultInitialized: () => theVault().status().state !== 'uninitialized',
  })
  const writer = createWriter(db, audit, logger)
  const leases = createLeases({ writer, clock, holderPrefix: host.hostKind })
  const definitions = createDefinitionRegistry({
    db,
    clock,
    writer,
    logger,
    // Loaded on first use: the OpenAPI parser is large and most starts never need it.
    // The importer parsed the document for this conversion alone, so it is converted in place.
    convertOpenApi: async (document, sourceName) =>
      (await import('./definitions/openapi/index.ts')).definitionFromOpenApi(document, {
        sourceName,
        consume: true,
      }),
  })
  definitions.loadBundled(host.definitionsDir ?? resources().definitionsDir)
  const vault = createVault({ db, protector: host.keyProtector, clock, logger, writer })
  vaultRef.current = vault
  // A first start writes the head file; after a recovery the trail is the backup's, so its head is too
  // (sealed once the vault is unlocked).
  if (recovery) audit.resetHead()
  else audit.initHead()
  const settings = createSettings({ db, writer, clock })
  const backups = createBackupService({
    db,
    dataDir: host.dataDir,
    clock,
    writer,
    leases,
    settings,
    audit,
    logger,
    recovery,
    canRecord: () => vault.status().state !== 'locked',
  })
  const clients = createClients({ db, vault, writer, clock })
  const status = createStatus({ writer, clock })
  const connections = createConnections({
    db,
    vault,
    clients,
    definitions,
    writer,
    clock,
    logger,
    actor,
    status,
  })
  const upgrade = createUpgrades(connections, definitions, writer)
  const transfer = createTransfer({
    clients,
    connections,
    writer,
    vault,
    now: () => clock.now(),
    dataDir: host.dataDir,
    ...(host.chooseSavePath ? { chooseSavePath: host.chooseSavePath.bind(host) } : {}),
  })
  const auth = createAuth({
    db,
    vault,
    connections,
    definitions,
    writer,
    leases,
    clock,
    logger,
    openUrl: (url) => host.openUrl(url),
  })

  const connectors = createConnectorRegistry(resources().root)
  connectors.register('http', httpConnector)
  connectors.register('mock', mockConnector)
  connectors.register('mcp', mcpConnector)
  const connectorsLoaded = connectors
    .discover(host.definitionsDir ?? resources().definitionsDir)
    .catch((error: unknown) => logger.error('connectors manifest failed', { error: String(error) }))
  const runtime = createRuntime({
    db,
    writer,
    connections,
    definitions,
    auth,
    connectors,
    clock,
    logger,
    onCallFinished: (result, operation, before) => {
      if (operation === 'invoke') status.callFinished(result, before)
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
  const mcp = createMcpTools({ clients, connections, definitions, runtime, writer, connectorsLoaded })
  const idleLock = createIdleLock({
    vault,
    minutes: () => settings.get('vault.idleLockMinutes'),
    onLocked: () => events.emit('vault.state', { state: vault.status().state, reason: 'idle' }),
  })
  const webhooks = createWebhooks({ db, connections, definitions, writer, clock, logger, events })
  const health = createHealth({
    db,
    writer,
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
    settings,
    ...(host.notify ? { notify: host.notify } : {}),
    ...(host.power ? { power: host.power } : {}),
    timers: host.timers ?? systemTimers,
  })
  const removal = createRemoval({ auth, clients, connections, vault })

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
      recovery,
    }
  }

  // Readers of the trail see the records still waiting to commit (writer.writeSoon).
  const auditReads: Core['audit'] = {
    list: (filter) => (writer.flush(), audit.list(filter)),
    verify: () => (writer.flush(), audit.verify()),
    exportLines: (filter) => (writer.flush(), audit.exportLines(filter)),
    headFile: audit.headFile,
  }

  /** The trail as JSON Lines; the export itself is recorded. */
  const exportAudit = (filter: AuditFilter): AuditExport => {
    const exported = auditReads.exportLines(filter)
    writer.record({ action: 'audit.exported', details: { events: exported.events, filter } })
    return exported
  }

  const handlers: Handlers = {
    'app.info': () => info(),
    'settings.get': () => settings.all(),
    'settings.setIdleLock': ({ minutes }) => {
      settings.set('vault.idleLockMinutes', minutes)
      idleLock.restart()
      return settings.all()
    },
    'audit.list': (args) => auditReads.list(args),
    'audit.verify': () => auditReads.verify(),
    'audit.export': (filter) => exportAudit(filter),
    'backups.list': () => backups.list(),
    'backups.create': async () => {
      await backups.create('manual')
      return backups.list()
    },
    'backups.restore': async ({ name }) => {
      await backups.restore(name)
      return backups.list()
    },
    'backups.setKeep': ({ keep }) => backups.setKeep(keep),
    ...definitionHandlers(definitions, writer),
    ...connectionHandlers({ vault, clients, connections, upgrade, transfer, removal }),
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
    'mcp.preview': (selection) => mcp.preview(selection),
    ...healthHandlers(health),
  }

  const dispatchCall = createDispatch(handlers, logger)
  // The idle lock counts the person's commands, not the reads the renderer makes by itself (the
  // re-fetches after a push); the app's shell reports the window's input besides (idleLock.activity).
  const dispatch: Dispatch = (name, args) => {
    idleLock.called(name)
    return dispatchCall(name, args)
  }

  return {
    db,
    audit: auditReads,
    writer,
    leases,
    settings,
    backups,
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
    mcp,
    health,
    events,
    removal,
    upgrade,
    logger,
    handlers,
    idleLock,
    dispatch,
    info,
    exportAudit,
    close: () => {
      // Receivers close their sockets; deliveries in flight finish in the background (their
      // claims expire, so whatever did not record its outcome is sent again next time).
      health.stopScheduler()
      void webhooks.close()
      auth.close()
      idleLock.stop()
      vault.lock()
      audit.publish()
      db.$client.close()
    },
  }
}
