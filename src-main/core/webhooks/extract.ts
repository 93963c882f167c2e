// Reads an event's id and type from where the definition (or its scheme) says they are: a header,
// or a dotted path into the JSON body. A body that is not JSON simply has no such values.
import type { WebhookField } from '../../contract/definition-format.ts'
import { header, type HeaderBag } from './signatures/types.ts'

const maxValueLength = 500

function jsonOf(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

function atPath(value: unknown, path: string): unknown {
  let current = value
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

const asText = (value: unknown): string | null => {
  if (typeof value === 'string' && value.length > 0) return value.slice(0, maxValueLength)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

export interface EventFacts {
  providerEventId: string | null
  eventType: string | null
}

export function extractEventFacts(
  fields: { eventId?: WebhookField; eventType?: WebhookField },
  request: { headers: HeaderBag; body: Uint8Array },
): EventFacts {
  let json: unknown
  let parsed = false
  const read = (field: WebhookField | undefined): string | null => {
    if (!field) return null
    if ('header' in field) return asText(header(request.headers, field.header)?.trim())
    if (!parsed) {
      json = jsonOf(request.body)
      parsed = true
    }
    return asText(atPath(json, field.body))
  }
  return { providerEventId: read(fields.eventId), eventType: read(fields.eventType) }
}
