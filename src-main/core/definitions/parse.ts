// Turns the bytes of a file (or URL response) into candidate definition documents, refusing what is
// not one: too large, not JSON, HTML, or JSON of an unknown shape. OpenAPI documents are recognised
// here and converted by the caller.
import type { ValidationIssue } from '../../contract/errors.ts'

/** Larger files are refused before parsing (GitHub's whole OpenAPI description is ~10 MB). */
export const maxDefinitionFileBytes = 32 * 1024 * 1024

export type ParsedFile =
  | { kind: 'definitions'; documents: unknown[]; paths: string[] }
  | { kind: 'openapi'; document: Record<string, unknown> }
  | { kind: 'invalid'; issues: ValidationIssue[] }

const invalid = (message: string, path = '(root)'): ParsedFile => ({
  kind: 'invalid',
  issues: [{ path, message }],
})

export function parseDefinitionFile(content: string | Buffer, knownSize?: number): ParsedFile {
  const size = knownSize ?? (typeof content === 'string' ? Buffer.byteLength(content) : content.length)
  if (size > maxDefinitionFileBytes) {
    return invalid(
      `is ${(size / 1024 / 1024).toFixed(1)} MB; files over ${maxDefinitionFileBytes / 1024 / 1024} MB are refused`,
    )
  }
  const text = (typeof content === 'string' ? content : content.toString('utf8')).replace(/^\uFEFF/, '')
  if (/^\s*</.test(text))
    return invalid('is HTML or XML, not a JSON definition (did the URL return a web page?)')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    // JSON.parse quotes the text around the fault; that text may be anything the source returned
    // (a server's error page, a secret), so only the position is reported.
    const at = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(
      error instanceof Error ? error.message : '',
    )
    return invalid(
      `is not valid JSON${at ? (at[2] ? ` (line ${at[2]}, column ${at[3]})` : ` (at character ${at[1]})`) : ''}`,
    )
  }
  if (Array.isArray(value))
    return { kind: 'definitions', documents: value, paths: value.map((_, i) => `[${i}]`) }
  if (!value || typeof value !== 'object')
    return invalid('must be a JSON object: a definition, a bundle or an OpenAPI document')
  const record = value as Record<string, unknown>
  if ('openapi' in record || 'swagger' in record) return { kind: 'openapi', document: record }
  if (Array.isArray(record.definitions)) {
    return {
      kind: 'definitions',
      documents: record.definitions,
      paths: record.definitions.map((_, i) => `definitions[${i}]`),
    }
  }
  return { kind: 'definitions', documents: [record], paths: [''] }
}

/** Prefixes issue paths with where the document sits inside its file ("definitions[2].methods[0]"). */
export function locateIssues(issues: ValidationIssue[], prefix: string): ValidationIssue[] {
  if (!prefix) return issues
  return issues.map((issue) => ({
    ...issue,
    path: issue.path === '(root)' ? prefix : `${prefix}.${issue.path}`,
  }))
}
