// Builds `window.switchboard.subscribe(name, listener)`: the renderer's only way to hear the events
// main pushes. One transport listener receives each batch; subscribers of a name get that name's
// payloads of the batch, in order, in one call. Unknown names are refused, and nothing of the
// transport (ipcRenderer, its event object, the EventSource) ever reaches the renderer.
//
// Self-contained on purpose (no imports, no closures over module scope): the loopback bridge sends
// this function's source to the browser, so the preload and the bridge run the very same code.
export function buildPushSubscriber(
  names: readonly string[],
  attach: (onBatch: (batch: unknown) => void) => void,
): (name: string, listener: (payloads: unknown[]) => void) => () => void {
  const known = new Set(names)
  const listeners = new Map<string, Set<(payloads: unknown[]) => void>>()
  let attached = false
  const onBatch = (batch: unknown) => {
    if (!Array.isArray(batch)) return
    const byName = new Map<string, unknown[]>()
    for (const item of batch as { name?: unknown; payload?: unknown }[]) {
      if (!item || typeof item.name !== 'string' || !known.has(item.name)) continue
      const list = byName.get(item.name) ?? []
      list.push(item.payload)
      byName.set(item.name, list)
    }
    for (const [name, payloads] of byName) {
      for (const listener of listeners.get(name) ?? []) {
        try {
          listener(payloads)
        } catch (error) {
          console.error('push listener failed', error)
        }
      }
    }
  }
  return (name, listener) => {
    if (!known.has(name)) throw new Error(`There is no push event named "${name}".`)
    if (typeof listener !== 'function') throw new Error('subscribe needs a listener function.')
    if (!attached) {
      attached = true
      attach(onBatch)
    }
    const set = listeners.get(name) ?? new Set()
    set.add(listener)
    listeners.set(name, set)
    return () => {
      set.delete(listener)
    }
  }
}
