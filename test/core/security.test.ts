// The shell's security settings, held to account without Electron (the Electron E2E checks the live
// window where the binary exists).
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src-main/hosting/csp.ts'
import {
  denyPermissionCheck,
  denyPermissionRequest,
  guardNavigation,
  windowOpenHandler,
} from '../../src-main/security/navigation.ts'
import { createGestureGate, gestureWindowMs } from '../../src-main/security/gesture.ts'
import { originOf } from '../../src-main/security/origin.ts'
import { secureWebPreferences } from '../../src-main/security/web-preferences.ts'
import { resolveRendererFile } from '../../src-main/hosting/renderer-files.ts'
import { safeStorageProtector, safeStorageStatus } from '../../src-main/safe-storage-protector.ts'
import { createTempCore, tempDir } from '../support/temp-core.ts'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values]
    }),
  )
}

describe('window preferences', () => {
  it('isolate the renderer completely', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    })
  })
})

describe('content security policy', () => {
  const csp = directives(contentSecurityPolicy)
  it('allows scripts from the app only: no inline script, no eval, no remote code', () => {
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|\*|https?:/)
  })
  it('blocks plugins, frames, base rewriting and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
  })
})

describe('navigation and new windows', () => {
  const event = () => {
    const state = { prevented: false }
    return { state, preventDefault: () => void (state.prevented = true) }
  }

  it('refuses navigation away from the app origin', () => {
    const guard = guardNavigation('app://switchboard')
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const e = event()
      guard(e, url)
      expect(e.state.prevented, url).toBe(true)
    }
    const inside = event()
    guard(inside, 'app://switchboard/index.html#/audit')
    expect(inside.state.prevented).toBe(false)
  })

  it('denies every new window and hands only http(s) links to the system browser', () => {
    const opened: string[] = []
    const handler = windowOpenHandler((url) => opened.push(url))
    for (const url of [
      'https://developer.xero.com/docs',
      'http://127.0.0.1:9/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://developer.xero.com/docs', 'http://127.0.0.1:9/'])
  })

  it('refuses every web permission', () => {
    const answers: boolean[] = []
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      denyPermissionRequest(null, permission, (granted) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false, false])
    expect(denyPermissionCheck()).toBe(false)
  })

  it('computes origins of custom schemes that Node reports as "null"', () => {
    expect(new URL('app://switchboard/x').origin).toBe('null')
    expect(originOf('app://switchboard/x')).toBe('app://switchboard')
    expect(originOf('http://127.0.0.1:5173/#/a')).toBe('http://127.0.0.1:5173')
    expect(originOf('javascript:alert(1)')).toBeNull()
  })
})

describe('renderer files', () => {
  const root = tempDir()
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<html></html>')
  writeFileSync(join(root, 'assets', 'app.js'), '')

  it('serves files inside the folder and routes to index.html', () => {
    expect(resolveRendererFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
    expect(resolveRendererFile(root, '/')).toBe(join(root, 'index.html'))
    expect(resolveRendererFile(root, '/settings')).toBe(join(root, 'index.html'))
    expect(resolveRendererFile(root, '/assets/missing.js')).toBeNull()
  })

  it('refuses paths that climb out of the folder', () => {
    expect(resolveRendererFile(root, '/../../etc/passwd')).toBeNull()
    expect(resolveRendererFile(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull()
    expect(resolveRendererFile(root, '/%E0%A4%A')).toBeNull()
  })
})

describe('safeStorage key protector status', () => {
  it('reports a real OS keyring as secure', () => {
    expect(safeStorageStatus(true, 'os', 'darwin')).toMatchObject({
      kind: 'safeStorage',
      available: true,
      secure: true,
    })
    expect(safeStorageStatus(true, 'gnome_libsecret', 'linux')).toMatchObject({
      secure: true,
      detail: 'OS keyring (gnome_libsecret).',
    })
  })

  it('does not pretend when Linux falls back to basic_text or no keyring answers', () => {
    const basic = safeStorageStatus(true, 'basic_text', 'linux')
    expect(basic).toMatchObject({ available: true, secure: false })
    expect(basic.detail).toMatch(/passphrase/)
    expect(safeStorageStatus(false, 'os', 'win32')).toMatchObject({ available: false, secure: false })
  })
})

describe('the gesture gate for external links', () => {
  it('opens only within the window after a click or key press; moves and wheels do not count', () => {
    let now = 1_000
    const gate = createGestureGate(() => now, gestureWindowMs)
    expect(gate.recent()).toBe(false)
    for (const type of ['mouseMove', 'mouseWheel', 'mouseEnter', 'keyUp']) gate.note(type)
    expect(gate.recent()).toBe(false)
    gate.note('mouseDown')
    now += gestureWindowMs
    expect(gate.recent()).toBe(true)
    now += 1
    expect(gate.recent()).toBe(false)
    gate.note('keyDown')
    expect(gate.recent()).toBe(true)
  })
})

describe('the OS keyring path', () => {
  it('never hands the master key to safeStorage as a string, and opens the vault again from it', async () => {
    const strings: string[] = []
    // A reversible stand-in for the OS keyring's encryption that records every string it is given
    // and gives back (the strings of a real safeStorage cannot be wiped from memory either).
    const safeStorage = {
      encryptStringAsync: async (text: string) => {
        strings.push(text)
        return Buffer.from(Buffer.from(text).map((b) => b ^ 0x5a))
      },
      decryptStringAsync: async (data: Buffer) => {
        const result = Buffer.from(data.map((b) => b ^ 0x5a)).toString()
        strings.push(result)
        return { result, shouldReEncrypt: false }
      },
      getSelectedStorageBackend: () => 'gnome_libsecret',
    }
    const values = new Map<string, unknown>()
    const kv = {
      get: (key: string) => values.get(key),
      set: (key: string, value: unknown) => void values.set(key, value),
      delete: (key: string) => void values.delete(key),
    }
    const protector = safeStorageProtector(safeStorage, kv, { available: true, platform: 'linux' })
    const store = protector.store
    if (!store) throw new Error('no keyring store')
    let masterKey: Buffer | undefined
    // Watches what the vault hands over (the protector itself is the real one).
    const watched = {
      ...protector,
      store: { ...store, write: async (key: Buffer) => ((masterKey = Buffer.from(key)), store.write(key)) },
    }
    const temp = createTempCore({ keyProtector: watched })
    try {
      await temp.core.vault.setup()
      temp.core.clients.create({ name: 'Acme' })
      temp.core.vault.lock()
      expect(await temp.core.vault.openWithKeyring()).toMatchObject({ state: 'unlocked' })
      if (!masterKey) throw new Error('the vault handed no key')
      const forms = [masterKey.toString('base64'), masterKey.toString('hex'), masterKey.toString('latin1')]
      expect(strings.length).toBeGreaterThan(1)
      for (const text of strings) for (const form of forms) expect(text.includes(form)).toBe(false)
      expect(forms.some((form) => JSON.stringify([...values]).includes(form))).toBe(false)
      // A keyring written by an earlier version (the key's own base64 under safeStorage) still opens,
      // and is rewrapped at once.
      values.clear()
      const older = Buffer.alloc(32, 7)
      values.set(
        'vault.masterKey.safeStorage',
        (await safeStorage.encryptStringAsync(older.toString('base64'))).toString('base64'),
      )
      expect(await store.read()).toEqual(older)
      expect([...values.keys()]).toEqual(['vault.masterKey.wrapped'])
      expect(await store.read()).toEqual(older)
    } finally {
      temp.dispose()
    }
  })
})
