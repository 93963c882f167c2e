// An OS keyring stand-in, as the Electron shell's safeStorage protector would be: it keeps the master
// key in memory. `secure: false` plays Linux's basic_text backend; `wipe` a keyring reset to another key.
import type { KeyProtector } from '../../src-main/core/vault/key-protector.ts'

export function memoryKeyring(secure = true): KeyProtector & { held: () => Buffer | null; wipe: () => void } {
  let held: Buffer | null = null
  return {
    status: () => ({
      kind: 'safeStorage',
      available: true,
      secure,
      detail: secure ? 'OS keyring (test).' : 'basic_text',
    }),
    store: {
      read: async () => held,
      write: async (key) => void (held = Buffer.from(key)),
      clear: async () => void (held = null),
    },
    held: () => held,
    wipe: () => void (held = Buffer.alloc(32, 7)),
  }
}
