// Moving a connection to a newer version of its definition: the config (the current one, or the
// settings filled in for the new version) is validated against the new configSchema (new defaults
// applied) and every difference is listed before anything is stored —
// the settings' rules, and every endpoint that moves to another origin (the next token refresh would
// send the refresh token and client secret there), which must be confirmed to apply.
import semver from 'semver'
import type { ConfigChange, UpgradePlan } from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { describeEndpointChange, endpointChanges } from '../definitions/endpoints.ts'
import { AppError } from '../errors.ts'
import type { Connections } from './connections.ts'
import { checkValues } from './validate-values.ts'

type Properties = Record<string, { type?: unknown; default?: unknown }>
const propertiesOf = (schema: object): Properties =>
  ((schema as { properties?: Properties }).properties ?? {}) as Properties

function schemaChanges(before: object, after: object): ConfigChange[] {
  const old = propertiesOf(before)
  const next = propertiesOf(after)
  const changes: ConfigChange[] = []
  for (const field of Object.keys(next)) {
    if (!(field in old)) changes.push({ path: `config.${field}`, change: 'added', detail: 'new setting' })
    else if (JSON.stringify(old[field]) !== JSON.stringify(next[field])) {
      changes.push({ path: `config.${field}`, change: 'changed', detail: 'its rules or default changed' })
    }
  }
  for (const field of Object.keys(old)) {
    if (!(field in next))
      changes.push({ path: `config.${field}`, change: 'removed', detail: 'no longer a setting' })
  }
  const required = (schema: object) =>
    new Set(((schema as { required?: string[] }).required ?? []) as string[])
  const wasRequired = required(before)
  for (const field of required(after)) {
    if (!wasRequired.has(field))
      changes.push({ path: `config.${field}`, change: 'changed', detail: 'now required' })
  }
  return changes
}

export function createUpgrades(connections: Connections, definitions: DefinitionRegistry, writer: Writer) {
  return (
    id: string,
    options: {
      version?: string
      apply: boolean
      confirmEndpoints?: boolean
      /** The settings to use from the new version on (its form's values); default: the current ones. */
      config?: Record<string, unknown>
    },
  ): UpgradePlan => {
    const row = connections.row(id)
    const to = options.version ?? definitions.summaryOf(row.integrationId).version
    if (!semver.valid(to) || !semver.gt(to, row.definitionVersion)) {
      throw new AppError('CONFLICT', `${id} is at ${row.definitionVersion}; ${to} is not a newer version.`, {
        issues: [{ path: 'version', message: `must be newer than ${row.definitionVersion}` }],
      })
    }
    const before = definitions.get(row.integrationId, row.definitionVersion)
    const after = definitions.get(row.integrationId, to)
    const { value: config, issues } = checkValues(
      definitions.schemaValidator(row.integrationId, to, 'config'),
      options.config ?? row.config,
      'config',
    )
    const plan: UpgradePlan = {
      connectionId: id,
      from: row.definitionVersion,
      to,
      config,
      changes: schemaChanges(before.configSchema, after.configSchema),
      endpointChanges: endpointChanges(before, after),
      issues,
      applied: false,
    }
    if (!options.apply) return plan
    if (issues.length) {
      throw AppError.invalid(
        `The configuration does not fit ${row.integrationId} ${to} (${issues.map((i) => i.path).join(', ')}); update it first.`,
        issues,
      )
    }
    if (plan.endpointChanges.length && !options.confirmEndpoints) {
      const moves = plan.endpointChanges.map(describeEndpointChange)
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        `${row.integrationId} ${to} sends requests or credentials to other hosts (${moves.join('; ')}); confirm the new endpoints to upgrade.`,
        {
          issues: [
            { path: 'confirmEndpoints', message: 'must be true when endpoints move to another origin' },
          ],
          endpointChanges: plan.endpointChanges,
        },
      )
    }
    writer.write((tx, audit) => {
      connections.touch(tx, id, { definitionVersion: to, config })
      return audit.record({
        action: 'connection.upgraded',
        connection: id,
        details: {
          from: plan.from,
          to,
          ...(plan.endpointChanges.length
            ? { endpointsConfirmed: plan.endpointChanges.map((c) => c.path) }
            : {}),
        },
      })
    })
    return { ...plan, applied: true }
  }
}

export type Upgrades = ReturnType<typeof createUpgrades>
