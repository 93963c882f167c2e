// Builds the object exposed as `window.switchboard`: one function per contract call, grouped by
// namespace ("audit.list" → switchboard.audit.list), each forwarding to a transport. The Electron
// preload's transport is ipcRenderer.invoke; the HTTP test bridge's is fetch.
//
// Self-contained on purpose (no imports, no closures over module scope): the test bridge sends this
// function's source to the browser, so both hosts run the very same code.
export function buildBridgeApi(
  names: readonly string[],
  transport: (name: string, args: unknown) => Promise<unknown>,
): Record<string, Record<string, (args?: unknown) => Promise<unknown>>> {
  const api: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> = {}
  for (const name of names) {
    const dot = name.indexOf('.')
    const namespace = name.slice(0, dot)
    const method = name.slice(dot + 1)
    const group = (api[namespace] ??= {})
    group[method] = (args?: unknown) => transport(name, args === undefined ? {} : args)
  }
  return api
}
