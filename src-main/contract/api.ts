// The API contract: every call the renderer may make, with a JSON Schema for its arguments and the
// type of its result. Everything else is derived from this list — IPC registration in the shell, the
// preload's `window.switchboard`, the renderer's typed client, the HTTP test bridge and the core's
// handler table — so adding a call is one edit here, and forgetting to implement one is a type error.
import { Type, type Static, type TObject } from 'typebox'
import type { Outcome } from './errors.ts'
import type {
  AppInfo,
  AuditExport,
  AuditPage,
  AuditVerification,
  BackupsView,
  DefinitionCatalog,
  DefinitionDetail,
  DefinitionExport,
  DefinitionVersionInfo,
  ImportReport,
  ClientView,
  ConnectionView,
  ExportResult,
  TransferResult,
  UpgradePlan,
  VaultStatus,
  AuthStatus,
  DisconnectResult,
  OAuthAppView,
  SignInStarted,
  CallResult,
  CallHistoryPage,
  ConnectionTestResult,
  ConfigChoices,
  ConnectorsReport,
  McpPreview,
} from './types.ts'
import type { Subscribe } from './events.ts'
import type { HealthHistoryPage, HealthOverview, HealthRunProgress, HealthSettings } from './health.ts'
import { settingBounds, type SettingKey, type SettingValues } from './settings.ts'
import type {
  WebhookEndpointView,
  WebhookEventDetail,
  WebhookEventPage,
  WebhookEventSummary,
} from './webhooks.ts'

/** A call's argument schema plus a phantom of its result type (never set at run time). */
export interface CallSpec<Args extends TObject, Result> {
  args: Args
  result?: Result
}

const call =
  <Result>() =>
  <Args extends TObject>(args: Args): CallSpec<Args, Result> => ({ args })

const strict = { additionalProperties: false } as const
const integrationId = Type.String({ minLength: 1, maxLength: 64 })
const clientId = Type.String({ minLength: 1, maxLength: 64 })
const connectionId = Type.String({ minLength: 1, maxLength: 128 })
const environment = Type.Union([Type.Literal('sandbox'), Type.Literal('production')])
const passphrase = Type.String({ minLength: 1, maxLength: 1024 })
/** Secret values by field; they go to the vault and are never sent back. */
const secrets = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 65536 }), {
  maxProperties: 50,
})
const config = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 200 })
/** A definition file's format when it is not to be detected: Switchboard's own, or a ContractSpec spec. */
const importFormat = Type.Union([Type.Literal('definition'), Type.Literal('contractspec')])
const colour = Type.String({ maxLength: 20, pattern: '^[a-z]+$' })
const methodId = Type.String({ minLength: 1, maxLength: 128 })
/** Chosen by the caller so that it can cancel the call while it runs. */
const callId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' })
const isoDateTime = Type.String({ format: 'date-time', maxLength: 40 })
const auditFilter = {
  clientId: Type.Optional(clientId),
  connectionId: Type.Optional(connectionId),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  since: Type.Optional(isoDateTime),
  until: Type.Optional(isoDateTime),
}

/** A setting's bounds as JSON Schema's minimum and maximum. */
const bounds = (key: SettingKey) => ({ minimum: settingBounds[key].min, maximum: settingBounds[key].max })

export const api = {
  'app.info': call<AppInfo>()(Type.Object({}, strict)),
  'audit.list': call<AuditPage>()(
    Type.Object(
      {
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        before: Type.Optional(Type.Integer({ minimum: 1 })),
        ...auditFilter,
      },
      strict,
    ),
  ),
  'audit.verify': call<AuditVerification>()(Type.Object({}, strict)),
  /** The (filtered) trail as JSON Lines, oldest first, for the renderer to save. */
  'audit.export': call<AuditExport>()(Type.Object({ ...auditFilter }, strict)),

  'backups.list': call<BackupsView>()(Type.Object({}, strict)),
  'backups.create': call<BackupsView>()(Type.Object({}, strict)),
  'backups.restore': call<BackupsView>()(
    Type.Object(
      { name: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._-]+$' }) },
      strict,
    ),
  ),
  'backups.setKeep': call<BackupsView>()(
    Type.Object(
      {
        keep: Type.Integer({
          minimum: settingBounds['backups.keep'].min,
          maximum: settingBounds['backups.keep'].max,
        }),
      },
      strict,
    ),
  ),

  'definitions.catalog': call<DefinitionCatalog>()(
    Type.Object(
      {
        query: Type.Optional(Type.String({ maxLength: 200 })),
        category: Type.Optional(Type.String({ maxLength: 60 })),
      },
      strict,
    ),
  ),
  'definitions.get': call<DefinitionDetail>()(
    Type.Object(
      { integrationId, version: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
      strict,
    ),
  ),
  'definitions.import': call<ImportReport>()(
    Type.Object(
      {
        files: Type.Array(
          Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 500 }), content: Type.String() },
            strict,
          ),
          { minItems: 1, maxItems: 200 },
        ),
        force: Type.Optional(Type.Boolean()),
        openapi: Type.Optional(Type.Boolean()),
        format: Type.Optional(importFormat),
        /** Replace a stored version that connections use even though its endpoints move. */
        confirmEndpoints: Type.Optional(Type.Boolean()),
      },
      strict,
    ),
  ),
  'definitions.importUrl': call<ImportReport>()(
    Type.Object(
      {
        url: Type.String({ minLength: 1, maxLength: 2000 }),
        force: Type.Optional(Type.Boolean()),
        openapi: Type.Optional(Type.Boolean()),
        format: Type.Optional(importFormat),
        /** Replace a stored version that connections use even though its endpoints move. */
        confirmEndpoints: Type.Optional(Type.Boolean()),
      },
      strict,
    ),
  ),
  /** Imports a remote MCP server's tools as a definition run by the mcp connector (see core/connectors/mcp). */
  'definitions.importMcp': call<ImportReport & { skippedTools: string[] }>()(
    Type.Object(
      {
        url: Type.String({ minLength: 1, maxLength: 2000 }),
        integrationId: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' }),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
        /** Sent as a bearer token to list the tools; stored only in a connection's vault entry. */
        accessToken: Type.Optional(Type.String({ minLength: 1, maxLength: 65536 })),
      },
      strict,
    ),
  ),
  'definitions.rollback': call<DefinitionVersionInfo[]>()(
    Type.Object({ integrationId, version: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
  ),
  'definitions.export': call<DefinitionExport>()(
    Type.Object(
      {
        format: Type.Union([Type.Literal('json'), Type.Literal('sql'), Type.Literal('contractspec')]),
        integrationIds: Type.Optional(Type.Array(integrationId, { maxItems: 10000 })),
      },
      strict,
    ),
  ),

  'settings.get': call<SettingValues>()(Type.Object({}, strict)),
  'settings.setIdleLock': call<SettingValues>()(
    Type.Object(
      {
        minutes: Type.Integer({
          minimum: settingBounds['vault.idleLockMinutes'].min,
          maximum: settingBounds['vault.idleLockMinutes'].max,
        }),
      },
      strict,
    ),
  ),

  'vault.status': call<VaultStatus>()(Type.Object({}, strict)),
  'vault.lock': call<VaultStatus>()(Type.Object({}, strict)),
  'vault.setup': call<VaultStatus>()(Type.Object({ passphrase: Type.Optional(passphrase) }, strict)),
  'vault.unlock': call<VaultStatus>()(Type.Object({ passphrase }, strict)),
  'vault.setPassphrase': call<VaultStatus>()(Type.Object({ passphrase }, strict)),

  'clients.list': call<ClientView[]>()(Type.Object({}, strict)),
  'clients.create': call<ClientView>()(
    Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 120 }),
        notes: Type.Optional(Type.String({ maxLength: 5000 })),
        colour: Type.Optional(colour),
      },
      strict,
    ),
  ),
  'clients.update': call<ClientView>()(
    Type.Object(
      {
        id: clientId,
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
        notes: Type.Optional(Type.String({ maxLength: 5000 })),
        colour: Type.Optional(colour),
      },
      strict,
    ),
  ),
  'clients.remove': call<{ connections: number; revocations: DisconnectResult[] }>()(
    Type.Object({ id: clientId }, strict),
  ),

  'connections.list': call<ConnectionView[]>()(
    Type.Object({ clientId: Type.Optional(clientId), environment: Type.Optional(environment) }, strict),
  ),
  'connections.get': call<ConnectionView>()(Type.Object({ id: connectionId }, strict)),
  'connections.create': call<ConnectionView>()(
    Type.Object(
      {
        clientId,
        integrationId,
        environment,
        config: Type.Optional(config),
        secrets: Type.Optional(secrets),
        // "new" is the wizard's route, so it cannot name a connection.
        id: Type.Optional(Type.String({ pattern: '^(?!new$)[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$' })),
        label: Type.Optional(Type.String({ maxLength: 120 })),
        notes: Type.Optional(Type.String({ maxLength: 5000 })),
        confirmEnvironment: Type.Optional(Type.Boolean()),
      },
      strict,
    ),
  ),
  'connections.updateConfig': call<ConnectionView>()(Type.Object({ id: connectionId, config }, strict)),
  'connections.update': call<ConnectionView>()(
    Type.Object(
      {
        id: connectionId,
        label: Type.Optional(Type.String({ maxLength: 120 })),
        notes: Type.Optional(Type.String({ maxLength: 5000 })),
      },
      strict,
    ),
  ),
  'connections.rotateSecret': call<ConnectionView>()(
    Type.Object({ id: connectionId, secrets, confirmEnvironment: Type.Optional(Type.Boolean()) }, strict),
  ),
  'connections.duplicate': call<ConnectionView>()(
    Type.Object(
      {
        id: connectionId,
        environment,
        newId: Type.Optional(Type.String({ pattern: '^(?!new$)[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$' })),
        label: Type.Optional(Type.String({ maxLength: 120 })),
      },
      strict,
    ),
  ),
  'connections.delete': call<{ id: string; revocation: DisconnectResult | null }>()(
    Type.Object({ id: connectionId }, strict),
  ),
  'connections.upgrade': call<UpgradePlan>()(
    Type.Object(
      {
        id: connectionId,
        version: Type.Optional(Type.String({ maxLength: 100 })),
        apply: Type.Boolean(),
        // Required (true) to apply an upgrade whose plan lists endpointChanges.
        confirmEndpoints: Type.Optional(Type.Boolean()),
        // The settings for the new version (its configSchema's form); default: the current ones.
        config: Type.Optional(config),
      },
      strict,
    ),
  ),
  'connections.export': call<ExportResult>()(
    Type.Object(
      {
        passphrase: Type.Optional(passphrase),
        // The vault's own passphrase, asked again for an export with secrets.
        vaultPassphrase: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
        clientIds: Type.Optional(Type.Array(clientId, { maxItems: 1000 })),
      },
      strict,
    ),
  ),
  'connections.import': call<TransferResult>()(
    Type.Object(
      { content: Type.String({ maxLength: 64 * 1024 * 1024 }), passphrase: Type.Optional(passphrase) },
      strict,
    ),
  ),

  'auth.setApp': call<OAuthAppView>()(
    Type.Object(
      {
        integrationId,
        connectionId: Type.Optional(connectionId),
        clientId: Type.String({ minLength: 1, maxLength: 500 }),
        /** Omitted: keep the stored secret; null: remove it. */
        clientSecret: Type.Optional(
          Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), Type.Null()]),
        ),
        redirectUri: Type.Optional(
          Type.Union([Type.String({ format: 'uri', maxLength: 2000 }), Type.Null()]),
        ),
      },
      strict,
    ),
  ),
  'auth.getApp': call<OAuthAppView | null>()(
    Type.Object({ integrationId, connectionId: Type.Optional(connectionId) }, strict),
  ),
  'auth.removeApp': call<{ removed: boolean }>()(
    Type.Object({ integrationId, connectionId: Type.Optional(connectionId) }, strict),
  ),
  'auth.status': call<AuthStatus>()(Type.Object({ connectionId }, strict)),
  /** Opens the provider's sign-in page in the system browser and returns the attempt to wait for. */
  'auth.startSignIn': call<SignInStarted>()(Type.Object({ connectionId }, strict)),
  'auth.waitSignIn': call<AuthStatus>()(
    Type.Object({ attemptId: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
  ),
  /** The paste fallback: the final URL the browser showed after signing in. */
  'auth.completeSignIn': call<AuthStatus>()(
    Type.Object(
      {
        attemptId: Type.String({ minLength: 1, maxLength: 100 }),
        url: Type.String({ minLength: 1, maxLength: 8192 }),
      },
      strict,
    ),
  ),
  'auth.cancelSignIn': call<{ cancelled: boolean }>()(
    Type.Object({ attemptId: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
  ),
  'auth.signInWithClientCredentials': call<AuthStatus>()(Type.Object({ connectionId }, strict)),
  'auth.disconnect': call<DisconnectResult>()(Type.Object({ connectionId }, strict)),

  /**
   * Runs one method of a connection: input validated before any network, credentials applied, retried
   * where safe, output validated, recorded. Failures of the call itself come back in the result's
   * `error` (typed); only a missing connection or method fails the call.
   */
  'runtime.invoke': call<CallResult>()(
    Type.Object(
      {
        connectionId,
        methodId,
        input: Type.Unknown(),
        /** Answer with data generated from the outputSchema instead of calling the provider. */
        mock: Type.Optional(Type.Boolean()),
        timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
        callId: Type.Optional(callId),
      },
      strict,
    ),
  ),
  /** Cancels a running call by the callId given to runtime.invoke; false when none was running. */
  'runtime.cancel': call<{ cancelled: boolean }>()(Type.Object({ callId }, strict)),
  'runtime.history': call<CallHistoryPage>()(
    Type.Object(
      {
        connectionId,
        /** Matches method ids, status and error codes. */
        query: Type.Optional(Type.String({ maxLength: 200 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        before: Type.Optional(Type.Integer({ minimum: 1 })),
      },
      strict,
    ),
  ),
  /** Runs the definition's health check now and moves the connection's health accordingly. */
  'connections.test': call<ConnectionTestResult>()(Type.Object({ connectionId }, strict)),
  /** The choices of a config field filled after sign-in (e.g. Xero's tenant), from its method's output. */
  'connections.configChoices': call<ConfigChoices>()(
    Type.Object({ connectionId, field: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
  ),
  /** The connectors the registry loaded and the manifest entries that failed, with their reasons. */
  'connectors.list': call<ConnectorsReport>()(Type.Object({}, strict)),

  /** The MCP tools a selection of a client's connections exposes (the list `switchboard mcp` serves). */
  'mcp.preview': call<McpPreview>()(
    Type.Object(
      {
        clientId,
        connectionIds: Type.Optional(Type.Array(connectionId, { maxItems: 200, uniqueItems: true })),
        environment: Type.Optional(environment),
        methods: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
        readOnly: Type.Optional(Type.Boolean()),
        allowProductionWrites: Type.Optional(Type.Boolean()),
        mock: Type.Optional(Type.Boolean()),
      },
      strict,
    ),
  ),

  'webhooks.list': call<WebhookEventPage>()(
    Type.Object(
      {
        connectionId: Type.Optional(connectionId),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        before: Type.Optional(Type.Integer({ minimum: 1 })),
      },
      strict,
    ),
  ),
  'webhooks.get': call<WebhookEventDetail>()(Type.Object({ id: Type.Integer({ minimum: 1 }) }, strict)),
  /** Queues a stored event for delivery again, from its first attempt. */
  'webhooks.replay': call<WebhookEventSummary>()(Type.Object({ id: Type.Integer({ minimum: 1 }) }, strict)),
  /** The receiving end of every connection whose integration declares a signature scheme. */
  'webhooks.endpoints': call<WebhookEndpointView[]>()(Type.Object({}, strict)),
  'webhooks.endpoint': call<WebhookEndpointView>()(Type.Object({ connectionId }, strict)),
  /** Starts the connection's receiver on 127.0.0.1 (the stored port, this port, or a free one). */
  'webhooks.startReceiver': call<WebhookEndpointView>()(
    Type.Object(
      {
        connectionId,
        port: Type.Optional(Type.Union([Type.Integer({ minimum: 1024, maximum: 65535 }), Type.Null()])),
      },
      strict,
    ),
  ),
  'webhooks.stopReceiver': call<WebhookEndpointView>()(Type.Object({ connectionId }, strict)),
  'webhooks.updateSettings': call<WebhookEndpointView>()(
    Type.Object(
      {
        connectionId,
        port: Type.Optional(Type.Union([Type.Integer({ minimum: 1024, maximum: 65535 }), Type.Null()])),
        targetUrl: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()])),
        acceptTypes: Type.Optional(
          Type.Union([
            Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 }),
            Type.Null(),
          ]),
        ),
        ignoreTypes: Type.Optional(
          Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 }),
        ),
        maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
      },
      strict,
    ),
  ),

  /** The dashboard: every connection's latest check, chart points and secret ages, failing first. */
  'health.overview': call<HealthOverview>()(
    Type.Object({ clientId: Type.Optional(clientId), environment: Type.Optional(environment) }, strict),
  ),
  /** One connection's checks, newest first, with each part's findings. */
  'health.history': call<HealthHistoryPage>()(
    Type.Object(
      {
        connectionId,
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        before: Type.Optional(Type.Integer({ minimum: 1 })),
      },
      strict,
    ),
  ),
  /** Starts checks of one connection, a client's or all (of an environment); progress is pushed. */
  'health.checkNow': call<HealthRunProgress>()(
    Type.Object(
      {
        connectionId: Type.Optional(connectionId),
        clientId: Type.Optional(clientId),
        environment: Type.Optional(environment),
      },
      strict,
    ),
  ),
  'health.settings': call<HealthSettings>()(Type.Object({}, strict)),
  'health.updateSettings': call<HealthSettings>()(
    Type.Object(
      {
        intervalMinutes: Type.Optional(
          Type.Object(
            {
              production: Type.Optional(Type.Integer(bounds('health.intervalMinutes.production'))),
              sandbox: Type.Optional(Type.Integer(bounds('health.intervalMinutes.sandbox'))),
            },
            strict,
          ),
        ),
        rotationDays: Type.Optional(
          Type.Object(
            {
              production: Type.Optional(Type.Integer(bounds('health.rotationDays.production'))),
              sandbox: Type.Optional(Type.Integer(bounds('health.rotationDays.sandbox'))),
            },
            strict,
          ),
        ),
        concurrency: Type.Optional(Type.Integer(bounds('health.concurrency'))),
        timeoutMs: Type.Optional(Type.Integer(bounds('health.timeoutMs'))),
      },
      strict,
    ),
  ),
}

export type Api = typeof api
export type CallName = keyof Api
export const callNames = Object.keys(api) as CallName[]

export type ArgsOf<N extends CallName> = Static<Api[N]['args']>
export type ResultOf<N extends CallName> = Api[N] extends CallSpec<TObject, infer R> ? R : never

type NamespaceOf<N> = N extends `${infer NS}.${string}` ? NS : never
type MethodOf<N, NS extends string> = N extends `${NS}.${infer M}` ? M : never
export type Namespace = NamespaceOf<CallName>

/** A call whose arguments are all optional may be made without any. */
type Fn<N extends CallName, R> = object extends ArgsOf<N> ? (args?: ArgsOf<N>) => R : (args: ArgsOf<N>) => R

/** What the preload (or the HTTP bridge) puts on `window.switchboard`: outcomes, never throws. */
export type SwitchboardBridge = {
  [NS in Namespace]: {
    [N in CallName as MethodOf<N, NS>]: Fn<N, Promise<Outcome<ResultOf<N>>>>
  }
}

/** All of `window.switchboard`: the calls, and the push channel's typed subscribe. */
export type SwitchboardWindowApi = SwitchboardBridge & { subscribe: Subscribe }

/** What the renderer's client exposes: results, and an ApiError thrown for a failed outcome. */
export type SwitchboardClient = {
  [NS in Namespace]: {
    [N in CallName as MethodOf<N, NS>]: Fn<N, Promise<ResultOf<N>>>
  }
}

/** The core's implementation of the contract: one function per call. */
export type Handlers = {
  [N in CallName]: (args: ArgsOf<N>) => Promise<ResultOf<N>> | ResultOf<N>
}
