// Moving laptops: clients and connections exported as one file. With a passphrase the file carries
// the secrets, sealed with a key derived from it (scrypt + AES-256-GCM); without one it carries none.
// Import is all-or-nothing: a wrong passphrase, a damaged file or an id that already exists here
// changes nothing.
import { Type, type Static } from 'typebox'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExportResult, TransferFile, TransferResult } from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import { AppError } from '../errors.ts'
import type { ValidateFunction } from 'ajv'
import { createAjv, toIssues } from '../validation/ajv.ts'
import {
  checkNewPassphrase,
  checkScryptParams,
  deriveKey,
  newScryptParams,
  type ScryptParams,
} from '../vault/passphrase.ts'
import { open, seal } from '../vault/sealed-box.ts'
import type { Vault } from '../vault/vault.ts'
import type { Clients } from './clients.ts'
import type { Connections, Secrets } from './connections.ts'

const transferAad = 'switchboard|transfer|v1'
const format = 'switchboard.transfer'

const TransferContent = Type.Object({
  clients: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), notes: Type.String(), colour: Type.String() }),
  ),
  connections: Type.Array(
    Type.Object({
      id: Type.String(),
      clientId: Type.String(),
      integrationId: Type.String(),
      environment: Type.Union([Type.Literal('sandbox'), Type.Literal('production')]),
      config: Type.Record(Type.String(), Type.Unknown()),
      label: Type.String(),
      notes: Type.String(),
      secrets: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  ),
})
type TransferContent = Static<typeof TransferContent>

const TransferEnvelope = Type.Object({
  format: Type.Literal(format),
  version: Type.Literal(1),
  exportedAt: Type.String(),
  encrypted: Type.Boolean(),
  kdf: Type.Optional(
    Type.Object({
      name: Type.Literal('scrypt'),
      salt: Type.String(),
      N: Type.Integer(),
      r: Type.Integer(),
      p: Type.Integer(),
    }),
  ),
  payload: Type.Optional(Type.String()),
  content: Type.Optional(TransferContent),
})

// Compiled on first use: every host start loads this module, few ever import a file.
let checks:
  | {
      envelope: ValidateFunction<Static<typeof TransferEnvelope>>
      content: ValidateFunction<TransferContent>
    }
  | undefined
const transferChecks = () => {
  if (checks) return checks
  const ajv = createAjv({ useDefaults: false })
  return (checks = {
    envelope: ajv.compile<Static<typeof TransferEnvelope>>(TransferEnvelope),
    content: ajv.compile<TransferContent>(TransferContent),
  })
}

const exportFileName = (at: Date, withSecrets: boolean) =>
  `switchboard-connections-${at.toISOString().slice(0, 10)}${withSecrets ? '.sbvault' : '.json'}`

export function createTransfer(deps: {
  clients: Clients
  connections: Connections
  writer: Writer
  vault: Vault
  now: () => Date
  dataDir: string
  chooseSavePath?: (suggestedName: string) => Promise<string | null>
}) {
  const { clients, connections, writer, vault } = deps
  const chooseSavePath =
    deps.chooseSavePath ??
    (async (name: string) => {
      const dir = join(deps.dataDir, 'exports')
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      return join(dir, name)
    })

  const exportFile = async (options: {
    passphrase?: string
    clientIds?: string[]
  }): Promise<TransferFile> => {
    const chosen = clients
      .list()
      .filter((client) => !options.clientIds?.length || options.clientIds.includes(client.id))
    for (const id of options.clientIds ?? []) clients.get(id)
    const withSecrets = options.passphrase !== undefined
    if (options.passphrase !== undefined) checkNewPassphrase(options.passphrase)
    const content: TransferContent = {
      clients: chosen.map(({ id, name, notes, colour }) => ({ id, name, notes, colour })),
      connections: chosen.flatMap((client) =>
        connections.list({ clientId: client.id }).map((c) => ({
          id: c.id,
          clientId: c.clientId,
          integrationId: c.integrationId,
          environment: c.environment,
          config: c.config,
          label: c.label,
          notes: c.notes,
          ...(withSecrets ? { secrets: connections.readSecrets(c.id) } : {}),
        })),
      ),
    }
    const exportedAt = deps.now().toISOString()
    let envelope: Static<typeof TransferEnvelope>
    if (options.passphrase !== undefined) {
      const kdf = newScryptParams()
      const sealed = seal(
        await deriveKey(options.passphrase, kdf),
        Buffer.from(JSON.stringify(content)),
        transferAad,
      )
      envelope = { format, version: 1, exportedAt, encrypted: true, kdf, payload: sealed.toString('base64') }
    } else {
      envelope = { format, version: 1, exportedAt, encrypted: false, content }
    }
    writer.record({
      action: 'connections.exported',
      target: null,
      details: {
        clients: content.clients.length,
        connections: content.connections.length,
        includesSecrets: withSecrets,
      },
    })
    return {
      fileName: exportFileName(new Date(exportedAt), withSecrets),
      content: JSON.stringify(envelope, null, 2),
      includesSecrets: withSecrets,
    }
  }

  /**
   * The contract's export (the renderer's). Without secrets the file comes back to be downloaded.
   * With secrets the vault passphrase is asked for again (any script in the renderer could otherwise
   * export every secret under a passphrase of its choosing) and the core writes the file where the
   * host says: the renderer gets its name and place, never its bytes.
   */
  const exportForRenderer = async (options: {
    passphrase?: string
    vaultPassphrase?: string
    clientIds?: string[]
  }): Promise<ExportResult> => {
    const { passphrase, vaultPassphrase, clientIds } = options
    const scope = clientIds ? { clientIds } : {}
    if (passphrase === undefined) {
      const file = await exportFile(scope)
      return { ...file, savedTo: null }
    }
    if (vaultPassphrase === undefined) {
      throw AppError.invalid('Exporting secrets asks for the vault passphrase again.', [
        { path: 'vaultPassphrase', message: 'is required to export secrets' },
      ])
    }
    checkNewPassphrase(passphrase)
    await vault.verifyPassphrase(vaultPassphrase)
    const fileName = exportFileName(deps.now(), true)
    const path = await chooseSavePath(fileName)
    if (path === null) return { fileName, includesSecrets: true, content: null, savedTo: null }
    const file = await exportFile({ passphrase, ...scope })
    writeFileSync(path, file.content, { mode: 0o600 })
    return { fileName: file.fileName, includesSecrets: true, content: null, savedTo: path }
  }

  const readContent = async (text: string, passphrase: string | undefined): Promise<TransferContent> => {
    let envelope: unknown
    try {
      envelope = JSON.parse(text)
    } catch {
      throw AppError.invalid('This is not a Switchboard export file (it is not JSON).', [
        { path: '(root)', message: 'is not valid JSON' },
      ])
    }
    const checkEnvelope = transferChecks().envelope
    if (!checkEnvelope(envelope)) {
      throw AppError.invalid('This is not a Switchboard export file.', toIssues(checkEnvelope.errors))
    }
    if (!envelope.encrypted) {
      if (!envelope.content)
        throw AppError.invalid('The export file has no content.', [
          { path: 'content', message: 'is required' },
        ])
      return envelope.content
    }
    // Refused before anything is derived: the cost settings come from the file itself.
    if (!envelope.kdf)
      throw AppError.invalid('The export file has no key derivation settings.', [
        { path: 'kdf', message: 'is required for an encrypted file' },
      ])
    checkScryptParams(envelope.kdf)
    if (passphrase === undefined) {
      throw AppError.invalid('This export holds secrets: enter the passphrase it was exported with.', [
        { path: 'passphrase', message: 'is required for this file' },
      ])
    }
    let plain: Buffer
    try {
      plain = open(
        await deriveKey(passphrase, envelope.kdf as ScryptParams),
        Buffer.from(envelope.payload ?? '', 'base64'),
        transferAad,
        'export',
      )
    } catch {
      throw new AppError('LOCKED', 'Wrong passphrase, or the file was changed.', {
        issues: [{ path: 'passphrase', message: 'does not open this file' }],
      })
    }
    const content: unknown = JSON.parse(plain.toString('utf8'))
    const checkContent = transferChecks().content
    if (!checkContent(content))
      throw AppError.invalid('The export file is damaged.', toIssues(checkContent.errors, 'content'))
    return content
  }

  const importFile = async (text: string, passphrase?: string): Promise<TransferResult> => {
    const content = await readContent(text, passphrase)
    const existingClients = new Set(clients.list().map((c) => c.id))
    const clashes = content.clients.filter((c) => existingClients.has(c.id)).map((c) => `client ${c.id}`)
    for (const c of content.connections) {
      try {
        connections.row(c.id)
        clashes.push(`connection ${c.id}`)
      } catch {
        // free
      }
    }
    if (clashes.length) {
      throw new AppError(
        'CONFLICT',
        `These already exist here: ${clashes.join(', ')}. Nothing was imported.`,
        {
          issues: clashes.map((clash) => ({ path: clash.split(' ')[1] ?? clash, message: 'already exists' })),
        },
      )
    }
    // All or nothing: everything is written in one transaction (the creates below join it); any
    // failure rolls all of it back.
    return writer.write((_tx, audit) => {
      let secrets = 0
      for (const client of content.clients) {
        const created = clients.create({ name: client.name, notes: client.notes, colour: client.colour })
        if (created.id !== client.id)
          throw new AppError('CONFLICT', `Client id ${client.id} could not be kept.`)
      }
      for (const c of content.connections) {
        connections.create({
          id: c.id,
          clientId: c.clientId,
          integrationId: c.integrationId,
          environment: c.environment,
          config: c.config,
          label: c.label,
          notes: c.notes,
          ...(c.secrets && Object.keys(c.secrets).length ? { secrets: c.secrets as Secrets } : {}),
        })
        secrets += Object.keys(c.secrets ?? {}).length
      }
      const counts = { clients: content.clients.length, connections: content.connections.length, secrets }
      return audit.record({ action: 'connections.imported', target: null, details: counts }, counts)
    })
  }

  return { exportFile, exportForRenderer, importFile }
}
