// Connections: one integration definition, in one environment, for one client. Config is validated
// against the definition's configSchema (defaults applied), secrets against its secretSchema and
// sealed field by field in the vault. The renderer only ever gets masked hints of the secrets.
import { and, eq, sql } from 'drizzle-orm'
import { requiredSecretsOf, secretFieldsOf } from '../../contract/definition-defaults.ts'
import { environmentMismatches } from '../../contract/secret-environment.ts'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ConnectionView, Environment, SecretHint } from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import type { Writer } from '../db/write.ts'
import { connectionSecrets, connections } from '../db/schema.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import type { Tx } from '../db/tx.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import type { Vault } from '../vault/vault.ts'
import type { Clients } from './clients.ts'
import { defaultConnectionId } from './ids.ts'
import { connectionState, pendingSetup, type Status } from '../status/index.ts'
import { isPasswordField, secretHint } from './secret-hint.ts'
import { problemCount } from '../validation/ajv.ts'
import { checkValues, requireValid } from './validate-values.ts'

export interface ConnectionsDeps {
  db: Db
  vault: Vault
  clients: Clients
  definitions: DefinitionRegistry
  writer: Writer
  clock: Clock
  logger: Logger
  actor: string
  /** The one writer of the connection's auth and health state. */
  status: Status
}

type Row = typeof connections.$inferSelect
type StateField = 'status' | 'healthState' | 'lastHealthCheck' | 'lastHealthCheckStatus' | 'lastErrorMessage'
export type Secrets = Record<string, string>

export interface CreateConnectionInput {
  clientId: string
  integrationId: string
  environment: Environment
  config?: Record<string, unknown>
  secrets?: Secrets
  id?: string
  label?: string
  notes?: string
  /** Accepts secrets that look like another environment's (refused on production otherwise). */
  confirmEnvironment?: boolean
}

const secretTitle = (definition: IntegrationDefinition, field: string): string =>
  secretFieldsOf(definition).find((secret) => secret.name === field)?.title ?? field

const requiredSecrets = requiredSecretsOf

export function createConnections(deps: ConnectionsDeps) {
  const { db, vault, clients, definitions, writer, clock, status } = deps

  // Prepared once: every call, check and view reads a connection's row, often several times.
  const selectRow = db
    .select()
    .from(connections)
    .where(eq(connections.id, sql.placeholder('id')))
    .prepare()
  const selectSecrets = db
    .select()
    .from(connectionSecrets)
    .where(eq(connectionSecrets.connectionId, sql.placeholder('id')))
    .prepare()
  const rowOf = (id: string): Row => {
    const row = selectRow.get({ id })
    if (!row)
      throw new AppError('NOT_FOUND', `No connection "${id}".`, {
        issues: [{ path: 'id', message: 'is not a connection' }],
      })
    return row
  }

  const selectHints = db
    .select({
      field: connectionSecrets.field,
      hint: connectionSecrets.hint,
      version: connectionSecrets.version,
      setAt: connectionSecrets.createdAt,
    })
    .from(connectionSecrets)
    .where(eq(connectionSecrets.connectionId, sql.placeholder('id')))
    .orderBy(connectionSecrets.field)
    .prepare()
  const hintsOf = (row: Row, definition: IntegrationDefinition): SecretHint[] =>
    selectHints
      .all({ id: row.id })
      .map((secret) => ({ ...secret, title: secretTitle(definition, secret.field) }))

  const view = (row: Row): ConnectionView => {
    const client = clients.get(row.clientId)
    const definition = definitions.get(row.integrationId, row.definitionVersion)
    const latest = definitions.summaryOf(row.integrationId).version
    const secrets = hintsOf(row, definition)
    // While the vault cannot be opened (keyring reset, passphrase not yet given) a connection with
    // secrets cannot be used: say so, without writing it (unlocking ends it).
    const vaultLocked = secrets.length > 0 && !vault.isUnlocked()
    const missingSecrets = requiredSecrets(definition).filter(
      (field) => !secrets.some((s) => s.field === field),
    )
    const setupNeeded = pendingSetup(definition, row.config)
    return {
      ...row,
      state: vaultLocked
        ? 'locked'
        : connectionState({
            status: row.status,
            healthState: row.healthState,
            missingSecrets,
            setupNeeded,
            authType: definition.authType,
          }),
      setupNeeded,
      ...(vaultLocked
        ? {
            status: 'locked' as const,
            lastErrorMessage:
              vault.status().lockReason ?? 'The vault is locked: unlock it to use this connection.',
          }
        : {}),
      clientName: client.name,
      integrationName: definition.name,
      upgradeAvailable: latest !== row.definitionVersion ? latest : null,
      secrets,
      missingSecrets,
    }
  }

  /** Seals every field of `secrets` under `version`, replacing (and so destroying) what was there. */
  const writeSecrets = (
    tx: Tx,
    row: Pick<Row, 'id' | 'clientId'>,
    secretSchema: unknown,
    secrets: Secrets,
    version: number,
  ) => {
    tx.delete(connectionSecrets).where(eq(connectionSecrets.connectionId, row.id)).run()
    const at = clock.now().toISOString()
    for (const [field, value] of Object.entries(secrets)) {
      tx.insert(connectionSecrets)
        .values({
          connectionId: row.id,
          field,
          version,
          sealed: vault.sealSecret(row.clientId, row.id, field, version, value),
          hint: secretHint(value, { password: isPasswordField(secretSchema, field) }),
          createdAt: at,
        })
        .run()
    }
  }

  const checkSecrets = (definition: IntegrationDefinition, secrets: Secrets): Secrets => {
    const validate = definitions.schemaValidator(definition.integrationId, definition.version, 'secret')
    const checked = requireValid(validate, secrets, 'secrets')
    for (const [field, value] of Object.entries(checked)) {
      if (typeof value !== 'string') {
        throw AppError.invalid(`Secret ${field} must be text.`, [
          { path: `secrets.${field}`, message: 'must be a string' },
        ])
      }
    }
    return checked as Secrets
  }

  /** A production connection does not take a sandbox key (or another unexpected one) unconfirmed. */
  const checkEnvironment = (
    definition: IntegrationDefinition,
    environment: Environment,
    secrets: Secrets | undefined,
    confirmed: boolean | undefined,
  ) => {
    if (environment !== 'production' || confirmed) return
    const issues = environmentMismatches(definition, environment, secrets)
    if (issues.length)
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        `${issues[0]?.message} Confirm to use it anyway; nothing was saved.`,
        { issues },
      )
  }

  const create = (input: CreateConnectionInput): ConnectionView => {
    const client = clients.get(input.clientId)
    if (!definitions.has(input.integrationId)) {
      throw new AppError('NOT_FOUND', `No integration definition "${input.integrationId}".`, {
        issues: [{ path: 'integrationId', message: 'is not an installed integration' }],
      })
    }
    const definition = definitions.current(input.integrationId)
    const id = input.id ?? defaultConnectionId(definition.integrationId, client.id, input.environment)
    if (db.select({ id: connections.id }).from(connections).where(eq(connections.id, id)).get()) {
      throw new AppError(
        'CONFLICT',
        `A connection with the id "${id}" already exists; give this one another id.`,
        {
          issues: [{ path: 'id', message: 'is already used by another connection' }],
        },
      )
    }
    // Config and secrets are checked together, so one answer names every field to fix.
    const validatorOf = (which: 'config' | 'secret') =>
      definitions.schemaValidator(definition.integrationId, definition.version, which)
    const configCheck = checkValues(
      validatorOf('config'),
      input.config ?? {},
      'config',
      Object.keys(definition.configChoices ?? {}),
    )
    const secretCheck = input.secrets
      ? checkValues(validatorOf('secret'), input.secrets, 'secrets')
      : undefined
    const issues = [...configCheck.issues, ...(secretCheck?.issues ?? [])]
    if (issues.length)
      throw AppError.invalid(`The connection is not valid (${problemCount(issues)}).`, issues)
    const config = configCheck.value
    const secrets = input.secrets ? checkSecrets(definition, input.secrets) : undefined
    checkEnvironment(definition, input.environment, secrets, input.confirmEnvironment)
    const at = clock.now().toISOString()
    const row: Row = {
      id,
      clientId: client.id,
      integrationId: definition.integrationId,
      definitionVersion: definition.version,
      environment: input.environment,
      config,
      secretRef: `vault:${id}`,
      ...status.initial(secrets !== undefined || definition.authType === 'none'),
      lastHealthCheck: null,
      lastHealthCheckStatus: null,
      lastErrorMessage: null,
      createdAt: at,
      updatedAt: at,
      createdBy: deps.actor,
      label: input.label ?? '',
      notes: input.notes ?? '',
    }
    writer.write((tx, audit) => {
      tx.insert(connections).values(row).run()
      if (secrets) {
        writeSecrets(tx, row, definition.secretSchema, secrets, 1)
        writer.secretsChanged()
        // Its own event, so "when was this secret set, by whom" is one filter (kind: secret).
        audit.also({
          action: 'secret.set',
          connection: id,
          client: client.id,
          details: { fields: Object.keys(secrets), version: 1 },
        })
      }
      return audit.record({
        action: 'connection.created',
        connection: id,
        client: client.id,
        details: {
          integration: definition.integrationId,
          environment: input.environment,
          secretFields: Object.keys(secrets ?? {}),
        },
      })
    })
    return view(row)
  }

  const list = (filter: { clientId?: string; environment?: Environment } = {}): ConnectionView[] => {
    const conditions = [
      filter.clientId ? eq(connections.clientId, filter.clientId) : undefined,
      filter.environment ? eq(connections.environment, filter.environment) : undefined,
    ].filter((c) => c !== undefined)
    return db
      .select()
      .from(connections)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(connections.clientId, connections.integrationId, connections.environment)
      .all()
      .map(view)
  }

  /** Changes fields other than the state ones (which only the status module moves), in the caller's write. */
  const touch = (tx: Tx, id: string, changes: Partial<Omit<Row, StateField>>) =>
    tx
      .update(connections)
      .set({ ...changes, updatedAt: clock.now().toISOString() })
      .where(eq(connections.id, id))
      .run()

  const updateConfig = (id: string, config: Record<string, unknown>): ConnectionView => {
    const row = rowOf(id)
    const checked = requireValid(
      definitions.schemaValidator(row.integrationId, row.definitionVersion, 'config'),
      config,
      'config',
      Object.keys(definitions.get(row.integrationId, row.definitionVersion).configChoices ?? {}),
    )
    writer.write((tx, audit) => {
      touch(tx, id, { config: checked })
      return audit.record({
        action: 'connection.config-updated',
        connection: id,
        details: { fields: Object.keys(checked) },
      })
    })
    return view(rowOf(id))
  }

  const update = (id: string, changes: { label?: string; notes?: string }): ConnectionView => {
    rowOf(id)
    writer.write((tx, audit) => {
      touch(tx, id, changes)
      return audit.record({
        action: 'connection.updated',
        connection: id,
        details: { fields: Object.keys(changes) },
      })
    })
    return view(rowOf(id))
  }

  /** Replaces the whole secret payload under a new version; the old sealed values are destroyed. */
  const rotateSecret = (
    id: string,
    secrets: Secrets,
    options: { confirmEnvironment?: boolean } = {},
  ): ConnectionView => {
    const row = rowOf(id)
    const definition = definitions.get(row.integrationId, row.definitionVersion)
    const checked = checkSecrets(definition, secrets)
    checkEnvironment(definition, row.environment, checked, options.confirmEnvironment)
    writer.write((tx, audit) => {
      // Read inside the transaction: another process may have rotated it a moment ago.
      const current = tx
        .select({ version: connectionSecrets.version })
        .from(connectionSecrets)
        .where(eq(connectionSecrets.connectionId, id))
        .all()
      const version = Math.max(0, ...current.map((s) => s.version)) + 1
      writeSecrets(tx, row, definition.secretSchema, checked, version)
      writer.secretsChanged()
      status.credentialsSaved(id, tx)
      return audit.record({
        action: version === 1 ? 'secret.set' : 'secret.rotated',
        connection: id,
        details: { fields: Object.keys(checked), version },
      })
    })
    return view(rowOf(id))
  }

  /**
   * The secrets of a connection, for the runtime and the auth layer only (never for the renderer).
   * A secret that no longer opens marks the connection locked; nothing is dropped or overwritten.
   */
  const readSecrets = (id: string): Secrets => {
    const row = rowOf(id)
    const sealed = selectSecrets.all({ id })
    try {
      return Object.fromEntries(
        sealed.map((s) => [s.field, vault.openSecret(row.clientId, id, s.field, s.version, s.sealed)]),
      )
    } catch (error) {
      if (error instanceof AppError && error.code === 'LOCKED' && vault.isUnlocked()) {
        const message =
          'Its secrets cannot be decrypted (the data changed or the keys differ). Enter them again to unlock it.'
        writer.write((tx, audit) => {
          status.locked(id, message, tx)
          return audit.record({ action: 'connection.locked', connection: id, details: { what: 'secrets' } })
        })
        throw new AppError('LOCKED', `Connection ${id} is locked. ${message}`)
      }
      throw error
    }
  }

  const duplicate = (
    id: string,
    input: { environment: Environment; id?: string; label?: string },
  ): ConnectionView => {
    const row = rowOf(id)
    return writer.write((_tx, audit) => {
      const created = create({
        clientId: row.clientId,
        integrationId: row.integrationId,
        environment: input.environment,
        config: row.config,
        ...(input.id ? { id: input.id } : {}),
        label: input.label ?? row.label,
        notes: row.notes,
      })
      return audit.record(
        { action: 'connection.duplicated', connection: created.id, details: { from: id } },
        created,
      )
    })
  }

  const remove = (id: string): void => {
    const row = rowOf(id)
    writer.write((tx, audit) => {
      tx.delete(connectionSecrets).where(eq(connectionSecrets.connectionId, id)).run()
      tx.delete(connections).where(eq(connections.id, id)).run()
      writer.secretsChanged()
      return audit.record({
        action: 'connection.deleted',
        connection: id,
        client: row.clientId,
        details: { integration: row.integrationId },
      })
    })
  }

  return {
    create,
    list,
    get: (id: string) => view(rowOf(id)),
    row: rowOf,
    updateConfig,
    update,
    rotateSecret,
    readSecrets,
    duplicate,
    remove,
    touch,
    status,
  }
}

export type Connections = ReturnType<typeof createConnections>
