// The tools the server exposes right now: the core's list for the selection, rebuilt on a poll of the
// data folder (the app, the CLI or another process may add, remove or sign out a connection — the
// core's event bus is per process, the database is shared). Listeners hear of a changed list, so the
// server can send notifications/tools/list_changed; the list is served from memory in between.
import type { McpPreview, McpSelection } from '../contract/types.ts'
import type { Core } from '../core/index.ts'

export const defaultPollMs = 2_000

export interface ToolSource {
  current(): McpPreview
  /** Rebuilds the list now; true when it changed. */
  refresh(): boolean
  onChange(listener: () => void): () => void
  close(): void
}

/** What makes two lists the same for an assistant: names, descriptions, schemas, annotations. */
const fingerprintOf = (plan: McpPreview): string =>
  JSON.stringify(
    plan.tools.map((t) => [t.name, t.description, t.inputSchema, t.outputSchema, t.annotations, t.refusal]),
  )

export function createToolSource(
  core: Core,
  selection: McpSelection,
  options: { pollMs?: number; onError?(error: unknown): void } = {},
): ToolSource {
  let plan = core.mcp.preview(selection)
  let fingerprint = fingerprintOf(plan)
  const listeners = new Set<() => void>()

  const refresh = (): boolean => {
    const next = core.mcp.preview(selection)
    const nextPrint = fingerprintOf(next)
    plan = next
    if (nextPrint === fingerprint) return false
    fingerprint = nextPrint
    for (const listener of listeners) listener()
    return true
  }

  const timer = setInterval(() => {
    try {
      refresh()
    } catch (error) {
      options.onError?.(error)
    }
  }, options.pollMs ?? defaultPollMs)
  timer.unref()

  return {
    current: () => plan,
    refresh,
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => clearInterval(timer),
  }
}
