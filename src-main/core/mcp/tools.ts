// A client's connections as MCP tools: which connections and methods a selection exposes, how each
// is named and annotated, and running one through the runtime. The MCP host (src-main/mcp/) serves
// what this builds; mcp.preview shows the same list in the app. Protocol-free: the host maps the
// outcome onto MCP's result shape.
//
// Rules:
//   - a connection is exposed unless it is signed out (sign-in-needed, disconnected); --mock exposes
//     every connection, since nothing reaches the provider;
//   - a method's kind: its `kind`, else read for an HTTP GET and write otherwise (as the runtime's
//     retries decide); --read-only keeps reads only;
//   - writes and deletes on production are listed but refused unless allowProductionWrites (or mock);
//     allowed, each one is put to the person first when the host can ask (the running app's dialog);
//   - every call goes through runtime.invoke (validation, credentials, retries, history, masking) and
//     is written to the audit trail with the core's host ("mcp" for the MCP host) and actor (the OS user).
import type { MethodDefinition } from '../../contract/definition-format.ts'
import type {
  CallResult,
  ConnectionView,
  McpConnectionChoice,
  McpPreview,
  McpSelection,
  McpToolKind,
  McpToolView,
} from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { Clients } from '../connections/clients.ts'
import type { Connections } from '../connections/connections.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { AppError } from '../errors.ts'
import type { Runtime } from '../runtime/index.ts'
import { redactInput } from '../runtime/mask.ts'
import { globMatches, toolNames } from './tool-names.ts'

/** Above this many tools, assistants slow down or refuse (Cursor warns at 40). */
export const toolWarningThreshold = 40

export interface McpToolsDeps {
  clients: Clients
  connections: Connections
  definitions: DefinitionRegistry
  runtime: Runtime
  writer: Writer
  connectorsLoaded: Promise<unknown>
}

/** A tool call's outcome, before it is shaped as an MCP result. */
export interface McpCallOutcome {
  isError: boolean
  /** The output, when the tool has an outputSchema and the call succeeded. */
  structured: Record<string, unknown> | null
  text: string
  /** The runtime's result; null when the call was refused before it ran. */
  call: CallResult | null
}

/** A production write or delete, as the host puts it to the person before it runs. */
export interface McpCallToConfirm {
  tool: McpToolView
  clientName: string
  /** The assistant's arguments (valid against the inputSchema), with fields marked secret masked. */
  arguments: unknown
}

/** The person's answer; 'no-one-to-ask' when the host has no one to put it to (the app is not running). */
export type McpConfirmation =
  { answer: 'confirmed' } | { answer: 'declined'; reason: string } | { answer: 'no-one-to-ask' }

export interface McpCallOptions {
  confirm?(call: McpCallToConfirm): Promise<McpConfirmation>
}

const signedOut = new Set(['sign-in-needed', 'disconnected'])

export const kindOf = (method: MethodDefinition): McpToolKind =>
  method.kind ?? (method.http === undefined || method.http.method === 'GET' ? 'read' : 'write')

type Schema = Record<string, unknown>
const isObjectSchema = (schema: Schema): boolean => schema.type === 'object'

function describe(method: MethodDefinition, connection: ConnectionView, refusal: string | null): string {
  const where = `${connection.integrationName} (${connection.environment}) for ${connection.clientName}, connection ${connection.id}`
  const text = method.description.trim() || method.name
  return `${text}${/[.!?]$/.test(text) ? '' : '.'} ${where}.${refusal ? ` ${refusal}` : ''}`
}

function argsOf(selection: McpSelection): string[] {
  const args = ['mcp', '--client', selection.clientId]
  for (const id of selection.connectionIds ?? []) args.push('--connection', id)
  if (selection.environment) args.push('--env', selection.environment)
  for (const glob of selection.methods ?? []) args.push('--methods', glob)
  if (selection.readOnly) args.push('--read-only')
  if (selection.allowProductionWrites) args.push('--allow-production-writes')
  if (selection.mock) args.push('--mock')
  return args
}

function issueText(result: CallResult): string {
  const error = result.error
  if (!error) return `${result.methodId} failed.`
  const issues = error.details?.issues ?? []
  return [
    `${error.code}: ${error.message}`,
    ...issues.map((issue) => `- ${issue.path}: ${issue.message}`),
  ].join('\n')
}

export function createMcpTools(deps: McpToolsDeps) {
  const { clients, connections, definitions, runtime, writer } = deps

  const preview = (selection: McpSelection): McpPreview => {
    const client = clients.get(selection.clientId)
    const all = connections.list({ clientId: client.id })
    const wanted = selection.connectionIds
    if (wanted) {
      const issues = wanted
        .filter((id) => !all.some((c) => c.id === id))
        .map((id) => ({ path: 'connectionIds', message: `${id} is not a connection of ${client.name}` }))
      if (issues.length)
        throw AppError.invalid(`Not every connection named is one of ${client.name}'s.`, issues)
    }
    for (const [i, glob] of (selection.methods ?? []).entries()) {
      if (glob.trim() === '')
        throw AppError.invalid('A --methods glob is empty.', [
          { path: `methods/${i}`, message: 'must not be empty' },
        ])
    }

    const choices: McpConnectionChoice[] = []
    const included: ConnectionView[] = []
    for (const connection of all) {
      const excluded =
        wanted && !wanted.includes(connection.id)
          ? 'not selected'
          : selection.environment && connection.environment !== selection.environment
            ? `not ${selection.environment}`
            : !selection.mock && signedOut.has(connection.state)
              ? 'signed out: sign in again to expose it'
              : null
      choices.push({
        id: connection.id,
        integrationName: connection.integrationName,
        environment: connection.environment,
        label: connection.label,
        state: connection.state,
        excluded,
      })
      if (!excluded) included.push(connection)
    }

    const candidates: { connection: ConnectionView; method: MethodDefinition; kind: McpToolKind }[] = []
    for (const connection of included) {
      const definition = definitions.get(connection.integrationId, connection.definitionVersion)
      for (const method of definition.methods) {
        const kind = kindOf(method)
        if (selection.readOnly && kind !== 'read') continue
        candidates.push({ connection, method, kind })
      }
    }
    const names = toolNames(
      candidates.map(({ connection, method }) => ({
        connectionId: connection.id,
        integrationId: connection.integrationId,
        environment: connection.environment,
        methodId: method.id,
      })),
    )
    const tools: McpToolView[] = []
    candidates.forEach(({ connection, method, kind }, i) => {
      const name = names[i] ?? ''
      const globs = selection.methods
      if (globs?.length && !globs.some((g) => globMatches(g, method.id) || globMatches(g, name))) return
      const refusal =
        kind !== 'read' &&
        connection.environment === 'production' &&
        !selection.allowProductionWrites &&
        !selection.mock
          ? `Refused here: it ${kind === 'delete' ? 'deletes' : 'changes'} data on production, and this server was started without --allow-production-writes.`
          : null
      const given = method.inputSchema as Schema
      const output = method.outputSchema as Schema
      const inputSchema = isObjectSchema(given) ? given : { type: 'object', ...given }
      tools.push({
        name,
        title: method.name,
        description: describe(method, connection, refusal),
        connectionId: connection.id,
        integrationId: connection.integrationId,
        integrationName: connection.integrationName,
        environment: connection.environment,
        methodId: method.id,
        kind,
        annotations: {
          title: method.name,
          readOnlyHint: kind === 'read',
          destructiveHint: kind === 'delete',
          idempotentHint: method.idempotent === true,
          openWorldHint: !selection.mock,
        },
        refusal,
        inputSchema,
        outputSchema: isObjectSchema(output) ? output : null,
      })
    })
    return {
      clientId: client.id,
      clientName: client.name,
      connections: choices,
      tools,
      warning:
        tools.length > toolWarningThreshold
          ? `${tools.length} tools would be exposed; assistants work best with ${toolWarningThreshold} or fewer: narrow the list with --methods <glob> (or --connection, --env, --read-only).`
          : null,
      args: argsOf(selection),
    }
  }

  /** Runs the tool of that name from a preview (the server's current list). Never throws for the call's own failures. */
  const call = async (
    plan: McpPreview,
    selection: McpSelection,
    name: string,
    args: unknown,
    options: McpCallOptions = {},
  ): Promise<McpCallOutcome> => {
    const tool = plan.tools.find((t) => t.name === name)
    if (!tool) {
      return {
        isError: true,
        structured: null,
        text: `There is no tool named "${name}" here; list the tools again (tools/list).`,
        call: null,
      }
    }
    if (tool.refusal) {
      writer.record({
        action: 'mcp.refused',
        connection: tool.connectionId,
        details: { tool: tool.name, methodId: tool.methodId, reason: 'production-write' },
      })
      return { isError: true, structured: null, text: tool.refusal, call: null }
    }
    await deps.connectorsLoaded
    // Asked only of calls that would run: an input the runtime refuses sends nothing anyway.
    let confirmation: 'app' | 'no-one-to-ask' | undefined
    if (options.confirm && tool.kind !== 'read' && tool.environment === 'production' && !selection.mock) {
      const connection = connections.row(tool.connectionId)
      const definition = definitions.get(connection.integrationId, connection.definitionVersion)
      const validate = definitions.validatorFor(
        definition.integrationId,
        definition.version,
        tool.methodId,
        'input',
      )
      if (validate(structuredClone(args ?? {}))) {
        // Shown as the call history keeps them: fields the schema marks secret are masked.
        const method = definition.methods.find((m) => m.id === tool.methodId)
        const shown = method ? redactInput(method.inputSchema, args ?? {}) : {}
        const reply = await options.confirm({ tool, clientName: plan.clientName, arguments: shown })
        if (reply.answer === 'declined') {
          writer.record({
            action: 'mcp.refused',
            connection: tool.connectionId,
            details: { tool: tool.name, methodId: tool.methodId, reason: 'declined-in-app' },
          })
          return {
            isError: true,
            structured: null,
            text: `Not run: ${reply.reason}. Nothing was sent to ${tool.integrationName}.`,
            call: null,
          }
        }
        confirmation = reply.answer === 'confirmed' ? 'app' : 'no-one-to-ask'
      }
    }
    const result = await runtime.invoke(tool.connectionId, tool.methodId, args ?? {}, {
      ...(selection.mock ? { mock: true } : {}),
    })
    const event = {
      action: 'mcp.call',
      connection: tool.connectionId,
      details: {
        tool: tool.name,
        methodId: tool.methodId,
        callId: result.callId,
        status: result.status,
        ...(result.error ? { errorCode: result.error.code } : {}),
        ...(selection.mock ? { mock: true } : {}),
        ...(confirmation ? { confirmation } : {}),
      },
    }
    // As the runtime's own record of the call: a read's may wait a moment to commit with others.
    if (tool.kind === 'read') writer.writeSoon('an MCP read', (_tx, audit) => audit.record(event))
    else writer.record(event)
    if (result.status !== 'success') {
      const raw =
        result.status === 'output-mismatch'
          ? `\nThe answer as it came:\n${JSON.stringify(result.output, null, 2)}`
          : ''
      return { isError: true, structured: null, text: issueText(result) + raw, call: result }
    }
    const output = result.output
    const structured =
      tool.outputSchema && typeof output === 'object' && output !== null && !Array.isArray(output)
        ? (output as Record<string, unknown>)
        : null
    return { isError: false, structured, text: JSON.stringify(output, null, 2), call: result }
  }

  return { preview, call }
}

export type McpTools = ReturnType<typeof createMcpTools>
