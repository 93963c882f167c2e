// The vault: envelope encryption of connection secrets.
//
//   master key (random, 256-bit) ── kept by key slots: the OS keyring (app) and/or a passphrase (scrypt)
//     └─ one data key per client (random, 256-bit), sealed by the master key in client_keys
//          └─ each secret field, sealed by its client's data key in connection_secrets
//
// Two more uses of the same keys, each in its own associated-data namespace so that no blob can pass
// for another kind: values that belong to no client (the consultant's OAuth app secrets) are sealed
// by the master key; a client's other sealed records (OAuth token sets) by that client's data key.
//
// Everything is AES-256-GCM with associated data naming where the blob belongs. The master key and
// unsealed data keys live only in memory while the vault is unlocked. Nothing falls back to plaintext
// or to a key derived from the machine: without a working slot the vault stays locked.
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { VaultStatus } from '../../contract/types.ts'
import { deriveAuditKey } from '../audit/chain.ts'
import type { Db } from '../db/open.ts'
import { clientKeys, vaultKeySlots } from '../db/schema.ts'
import type { Tx } from '../db/tx.ts'
import type { Writer } from '../db/write.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import type { KeyProtector } from './key-protector.ts'
import { checkNewPassphrase, checkScryptParams, deriveKey, newScryptParams } from './passphrase.ts'
import { open, seal } from './sealed-box.ts'

const masterKeyAad = 'switchboard|vault-master-key|passphrase'
/** Logged (debug) at every passphrase key derivation: scrypt costs 128 MiB and a noticeable pause. */
export const keyDerivedMessage = 'vault: passphrase key derived (scrypt)'
const clientKeyAad = (clientId: string, version: number) => `switchboard|client-key|${clientId}|v${version}`
export const secretAad = (clientId: string, connectionId: string, field: string, version: number) =>
  `switchboard|secret|${clientId}|${connectionId}|${field}|v${version}`
/** The namespaces of sealWithMasterKey and sealForClient: the caller's label never meets the above. */
const masterRecordAad = (label: string) => `switchboard|master-record|${label}`
const clientRecordAad = (clientId: string, label: string) => `switchboard|client-record|${clientId}|${label}`

export interface VaultDeps {
  db: Db
  protector: KeyProtector
  clock: Clock
  logger: Logger
  writer: Writer
}

export function createVault({ db, protector, clock, logger, writer }: VaultDeps) {
  let masterKey: Buffer | null = null
  /** The audit chain's key (HKDF of the master key), derived once per unlock. */
  let auditKeyCache: Buffer | null = null
  let lockReason: string | null = null
  /** Whether the OS keyring holds (or held, and failed to unseal) the master key. */
  let keyringHolds = false
  const dataKeys = new Map<string, Buffer>()

  const keyring = () =>
    protector.status().secure && protector.status().available ? protector.store : undefined
  const passphraseSlot = () =>
    db.select().from(vaultKeySlots).where(eq(vaultKeySlots.kind, 'passphrase')).get()
  const initialized = () =>
    Boolean(passphraseSlot()) ||
    db.select({ id: clientKeys.clientId }).from(clientKeys).limit(1).get() !== undefined

  const status = (): VaultStatus => ({
    state: masterKey
      ? 'unlocked'
      : keyringHolds || passphraseSlot() || initialized()
        ? 'locked'
        : 'uninitialized',
    protector: protector.status(),
    passphraseSet: Boolean(passphraseSlot()),
    keyringInUse: Boolean(keyring()) && keyringHolds,
    lockReason: masterKey ? null : lockReason,
  })

  /** The passphrase slot's new content; scrypt runs here, before any transaction is opened. */
  const sealPassphraseSlot = async (passphrase: string, key: Buffer) => {
    const kdf = newScryptParams()
    const derived = await deriveKey(passphrase, kdf)
    const sealed = seal(derived, key, masterKeyAad)
    derived.fill(0)
    logger.debug(keyDerivedMessage)
    return { sealed, kdf }
  }

  const writePassphraseSlot = (tx: Tx, slot: Awaited<ReturnType<typeof sealPassphraseSlot>>) => {
    const now = clock.now().toISOString()
    tx.insert(vaultKeySlots)
      .values({ kind: 'passphrase', ...slot, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: vaultKeySlots.kind, set: { ...slot, updatedAt: now } })
      .run()
  }

  const unlocked = (via: 'keyring' | 'passphrase' | 'app') =>
    writer.record({ action: 'vault.unlocked', details: { via } })

  /**
   * Whether a candidate master key is the one the vault's data keys were sealed with (checked against
   * one sealed client key). A keyring that hands back some other key must not "unlock" the vault.
   */
  const isMasterKey = (candidate: Buffer): boolean => {
    const row = db.select().from(clientKeys).limit(1).get()
    if (!row) return true
    try {
      open(candidate, row.sealed, clientKeyAad(row.clientId, row.keyVersion), 'client key')
      return true
    } catch {
      return false
    }
  }

  /** Opens the vault from the OS keyring when it can; otherwise it stays locked (or uninitialized). */
  const openWithKeyring = async (): Promise<VaultStatus> => {
    const store = keyring()
    if (!masterKey && store) {
      try {
        const key = await store.read()
        keyringHolds = key !== null
        if (key && isMasterKey(key)) {
          masterKey = key
          unlocked('keyring')
        } else if (key)
          lockReason =
            'The OS keyring holds a key that does not open this vault (was the keyring reset?). Enter your passphrase.'
      } catch (error) {
        keyringHolds = true
        lockReason =
          'The OS keyring could not unseal the vault key (was the keyring reset?). Enter your passphrase.'
        logger.warn('keyring unseal failed', {
          error: error instanceof Error ? error.message : String(error),
        })
      }
    }
    return status()
  }

  /** Creates the master key on first use, kept by the OS keyring and/or a passphrase. */
  const setup = async (passphrase?: string): Promise<VaultStatus> => {
    if (masterKey || initialized() || keyringHolds)
      throw new AppError('CONFLICT', 'The vault is already set up.')
    const store = keyring()
    if (!store && !passphrase) {
      throw AppError.invalid(
        'This computer has no usable OS keyring: choose a passphrase to protect your secrets.',
        [{ path: 'passphrase', message: 'is required when no OS keyring is available' }],
      )
    }
    if (passphrase !== undefined) checkNewPassphrase(passphrase)
    const key = randomBytes(32)
    const slot = passphrase !== undefined ? await sealPassphraseSlot(passphrase, key) : undefined
    // The key is in place before the write, so that the set-up event is the first keyed one.
    masterKey = key
    try {
      writer.write((tx, audit) => {
        if (slot) writePassphraseSlot(tx, slot)
        return audit.record({
          action: 'vault.set-up',
          details: { passphrase: slot !== undefined, keyring: store !== undefined },
        })
      })
    } catch (error) {
      lock()
      throw error
    }
    if (store) {
      await store.write(key)
      keyringHolds = true
    }
    lockReason = null
    return status()
  }

  const unlock = async (passphrase: string): Promise<VaultStatus> => {
    const slot = passphraseSlot()
    if (!slot) throw new AppError('NOT_FOUND', 'No passphrase has been set for this vault.')
    checkScryptParams(slot.kdf)
    let key: Buffer
    let derived: Buffer | undefined
    try {
      derived = await deriveKey(passphrase, slot.kdf)
      logger.debug(keyDerivedMessage)
      key = open(derived, slot.sealed, masterKeyAad, 'vault key')
    } catch {
      throw new AppError('LOCKED', 'Wrong passphrase.', {
        issues: [{ path: 'passphrase', message: 'is not the vault passphrase' }],
      })
    } finally {
      derived?.fill(0)
    }
    masterKey?.fill(0)
    masterKey = key
    lockReason = null
    unlocked('passphrase')
    // A keyring that lost its copy (reset, new machine) gets it back, so the next start needs no passphrase.
    const store = keyring()
    if (store) {
      await store.write(key)
      keyringHolds = true
    }
    return status()
  }

  /**
   * A copy of the master key for another Switchboard process of this user (the MCP server asking the
   * running app, after the person allowed it in a native dialog): a vault kept by the OS keyring alone
   * cannot be opened by a process without Electron's safeStorage. The caller wipes the copy once sent.
   */
  const keyForHandOver = (): Buffer => Buffer.from(requireKey())

  /** Opens a locked vault with a master key handed over by the running app (see keyForHandOver). */
  const unlockWithKey = (key: Buffer): VaultStatus => {
    if (masterKey) return status()
    if (status().state !== 'locked')
      throw new AppError('CONFLICT', 'There is no vault here to open: set it up in the app first.')
    if (key.length !== 32 || !isMasterKey(key))
      throw new AppError('LOCKED', 'The key the app handed over does not open this vault.')
    masterKey = Buffer.from(key)
    lockReason = null
    unlocked('app')
    return status()
  }

  /**
   * Checks the vault passphrase again (before an export with secrets), changing nothing: the key it
   * opens must be the open vault's. A vault kept by the OS keyring alone has none to ask for.
   */
  const verifyPassphrase = async (passphrase: string, path = 'vaultPassphrase'): Promise<void> => {
    const slot = passphraseSlot()
    if (!slot) {
      throw new AppError(
        'CONFLICT',
        'Exports with secrets ask for the vault passphrase, and this vault has none: set one under Secret protection first.',
        { issues: [{ path, message: 'cannot be checked: the vault has no passphrase' }] },
      )
    }
    checkScryptParams(slot.kdf)
    const current = requireKey()
    let derived: Buffer | undefined
    let key: Buffer | undefined
    try {
      derived = await deriveKey(passphrase, slot.kdf)
      logger.debug(keyDerivedMessage)
      key = open(derived, slot.sealed, masterKeyAad, 'vault key')
      if (!key.equals(current)) throw new Error('another key')
    } catch {
      throw new AppError('LOCKED', 'Wrong vault passphrase.', {
        issues: [{ path, message: 'is not the vault passphrase' }],
      })
    } finally {
      derived?.fill(0)
      key?.fill(0)
    }
  }

  const requireKey = (): Buffer => {
    if (!masterKey)
      throw new AppError('LOCKED', lockReason ?? 'The vault is locked: unlock it with your passphrase first.')
    return masterKey
  }

  const setPassphrase = async (passphrase: string): Promise<VaultStatus> => {
    checkNewPassphrase(passphrase)
    const slot = await sealPassphraseSlot(passphrase, requireKey())
    const had = Boolean(passphraseSlot())
    writer.write((tx, audit) => {
      writePassphraseSlot(tx, slot)
      // The master key sealed under the old passphrase must not stay behind in the WAL.
      writer.secretsChanged()
      return audit.record({ action: had ? 'vault.passphrase-changed' : 'vault.passphrase-set' })
    })
    return status()
  }

  const lock = () => {
    // Records waiting to commit need the audit key: they go first (a failure is logged by the
    // writer; locking never waits on it).
    try {
      writer.flush()
    } catch {
      // Logged by the writer; the records stay queued.
    }
    masterKey?.fill(0)
    masterKey = null
    auditKeyCache?.fill(0)
    auditKeyCache = null
    for (const key of dataKeys.values()) key.fill(0)
    dataKeys.clear()
  }

  /** Creates and seals a new client's data key, inside the caller's transaction. */
  const createClientKey = (tx: Tx, clientId: string): void => {
    const key = randomBytes(32)
    tx.insert(clientKeys)
      .values({
        clientId,
        sealed: seal(requireKey(), key, clientKeyAad(clientId, 1)),
        keyVersion: 1,
        createdAt: clock.now().toISOString(),
      })
      .run()
    dataKeys.set(clientId, key)
  }

  const dataKeyOf = (clientId: string): Buffer => {
    const cached = dataKeys.get(clientId)
    if (cached) return cached
    const row = db.select().from(clientKeys).where(eq(clientKeys.clientId, clientId)).get()
    if (!row) throw new AppError('LOCKED', `Client ${clientId} has no data key: its secrets were destroyed.`)
    const key = open(requireKey(), row.sealed, clientKeyAad(clientId, row.keyVersion), 'client key')
    dataKeys.set(clientId, key)
    return key
  }

  /** Destroys a client's data key (crypto-shredding): its secrets can never be opened again. */
  const destroyClientKey = (tx: Tx, clientId: string): void => {
    dataKeys.get(clientId)?.fill(0)
    dataKeys.delete(clientId)
    tx.delete(clientKeys).where(eq(clientKeys.clientId, clientId)).run()
  }

  const sealSecret = (
    clientId: string,
    connectionId: string,
    field: string,
    version: number,
    value: string,
  ): Buffer =>
    seal(dataKeyOf(clientId), Buffer.from(value, 'utf8'), secretAad(clientId, connectionId, field, version))

  const openSecret = (
    clientId: string,
    connectionId: string,
    field: string,
    version: number,
    blob: Buffer,
  ): string =>
    open(dataKeyOf(clientId), blob, secretAad(clientId, connectionId, field, version)).toString('utf8')

  /** Seals a value that belongs to no client (e.g. an OAuth app's client secret) with the master key. */
  const sealWithMasterKey = (label: string, value: string): Buffer =>
    seal(requireKey(), Buffer.from(value, 'utf8'), masterRecordAad(label))

  const openWithMasterKey = (label: string, blob: Buffer, what = 'secret'): string =>
    open(requireKey(), blob, masterRecordAad(label), what).toString('utf8')

  /** Seals one of a client's records (e.g. a connection's OAuth token set) with the client's data key. */
  const sealForClient = (clientId: string, label: string, value: string): Buffer =>
    seal(dataKeyOf(clientId), Buffer.from(value, 'utf8'), clientRecordAad(clientId, label))

  const openForClient = (clientId: string, label: string, blob: Buffer, what = 'secret'): string =>
    open(dataKeyOf(clientId), blob, clientRecordAad(clientId, label), what).toString('utf8')

  return {
    status,
    openWithKeyring,
    setup,
    unlock,
    keyForHandOver,
    unlockWithKey,
    verifyPassphrase,
    setPassphrase,
    lock,
    isUnlocked: () => masterKey !== null,
    /** The audit chain's key while the vault is unlocked; null while it is locked. */
    auditKey: (): Buffer | null => (masterKey ? (auditKeyCache ??= deriveAuditKey(masterKey)) : null),
    createClientKey,
    destroyClientKey,
    sealSecret,
    openSecret,
    sealWithMasterKey,
    openWithMasterKey,
    sealForClient,
    openForClient,
  }
}

export type Vault = ReturnType<typeof createVault>
