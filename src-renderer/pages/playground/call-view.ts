// What the Playground shows of one call, whatever its outcome: the panels read this shape only, so
// the contract's result is mapped to it in one place.
import type { ValidationIssue } from '../../../src-main/contract/errors.ts'
import type { CallResult } from '../../../src-main/contract/types.ts'
import type { SentRequest } from './snippets.ts'

export interface Header {
  name: string
  value: string
}

export interface CallView {
  ok: boolean
  /** The provider's HTTP status; null when no response came (network, timeout, cancelled, refused input). */
  status: number | null
  durationMs: number | null
  transport: string | null
  mock: boolean
  /** The error's code and sentence, with the paths it names; null on success. */
  error: { code: string; message: string; issues: ValidationIssue[] } | null
  response: {
    headers: Header[]
    /** The body as parsed JSON, or as text when it is not JSON. */
    body: unknown
    sizeBytes: number | null
    truncated: boolean
    /** Why the body is not (all) there, when it is not. */
    notice: string | null
  } | null
  /** The method's output (after the response mapping); undefined when there is none. */
  output: unknown
  /** Output validation: null when not checked, [] when it matched. */
  outputIssues: ValidationIssue[] | null
  /** The request as sent, credentials masked by the core; null when nothing was sent. */
  request: SentRequest | null
}

/** Colour of an HTTP status: green 2xx, blue 3xx, orange 4xx, red 5xx. */
export function statusColor(status: number | null): string {
  if (status === null) return 'gray'
  if (status < 300) return 'teal'
  if (status < 400) return 'blue'
  if (status < 500) return 'orange'
  return 'red'
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—'
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const headerList = (headers: Record<string, string>): Header[] =>
  Object.entries(headers).map(([name, value]) => ({ name, value }))

/** The core's CallResult as the panels show it. */
export function toCallView(result: CallResult): CallView {
  const response = result.response
  return {
    ok: result.status === 'success',
    status:
      response?.status ??
      (typeof result.error?.details?.status === 'number' ? result.error.details.status : null),
    durationMs: result.durationMs,
    transport: result.mock ? null : result.transport,
    mock: result.mock,
    error: result.error
      ? { code: result.error.code, message: result.error.message, issues: result.error.details?.issues ?? [] }
      : null,
    response: response
      ? {
          headers: headerList(response.headers),
          body: response.body,
          sizeBytes: response.size,
          truncated: response.truncated,
          notice: response.notice,
        }
      : null,
    output: result.output === null && !result.outputValidation ? undefined : result.output,
    outputIssues: result.outputValidation ? result.outputValidation.issues : null,
    request: result.request
      ? {
          method: result.request.method,
          url: result.request.url,
          headers: headerList(result.request.headers),
          body: result.request.body,
        }
      : null,
  }
}
