// Small readers for the loosely typed, already validated and dereferenced OpenAPI document.
import { AppError } from '../../errors.ts'

export type Obj = Record<string, unknown>

/** An embedded JSON Schema as the definition format stores it (draft-07, always an object at the top). */
export type SchemaObject = Record<string, unknown>
/** A sub-schema: draft-07 also allows true (anything) and false (nothing). */
export type Schema = SchemaObject | boolean

/** Which description format the document is written in; they differ in a few schema keywords. */
export type Dialect = 'swagger2' | 'oas30' | 'oas31'

export const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
export const obj = (value: unknown): Obj | undefined => (isObj(value) ? value : undefined)
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
export const text = (value: unknown): string | undefined => {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  return trimmed ? trimmed : undefined
}

/** "paths./repos/{owner}.get" style issue paths, as the rest of the app names places in documents. */
export function issuePath(...segments: (string | number)[]): string {
  return segments.reduce<string>(
    (path, segment) =>
      typeof segment === 'number' ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
    '',
  )
}

export function invalid(message: string, path: string, detail: string): AppError {
  return AppError.invalid(message, [{ path, message: detail }])
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string | undefined): value is string {
  if (!value || !/^https?:\/\//i.test(value)) return false
  try {
    new URL(value)
    return true
  } catch {
    return false
  }
}
