// The Playground's input as text and as a value: parsing the raw JSON editor's text with the place of
// the first error (line and column, for people), printing a value back, and deciding which editor a
// schema opens in. Pure functions, so the form ⇄ JSON round trip is tested without a browser.
import type { RJSFSchema } from '@rjsf/utils'
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser'

export type JsonParse =
  { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number; offset: number }

/** Line and column (both from 1) of a character offset in text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)))
  const lines = before.split('\n')
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }
}

/**
 * Parses JSON and, when it is not, says where. JSON.parse decides (it is what the call will send);
 * jsonc-parser (VS Code's scanner) finds the first error's offset and names it, since JSON.parse's
 * messages differ between engines and often give no position.
 */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    const errors: ParseError[] = []
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
    const first = errors[0]
    const offset = first?.offset ?? text.length
    const { line, column } = lineColumn(text, offset)
    const message = first
      ? (errorNames[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error))
      : error instanceof Error
        ? error.message
        : 'Not valid JSON'
    return { ok: false, message, line, column, offset }
  }
}

/** jsonc-parser's error codes in words. */
const errorNames: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected a colon after the property name',
  CommaExpected: 'Expected a comma',
  CloseBraceExpected: 'Expected a closing brace }',
  CloseBracketExpected: 'Expected a closing bracket ]',
  EndOfFileExpected: 'Unexpected text after the end of the JSON',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unterminated number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in a string',
}

/** The text the JSON editor shows for a value: two-space indentation, `{}` for nothing. */
export const toJsonText = (value: unknown): string => JSON.stringify(value ?? {}, null, 2)

/** Plain JSON (RJSF keeps `undefined` for emptied fields, which JSON drops). */
export const plainJson = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)

/** A value the generated form can edit: a JSON object (the form's root is always an object). */
export const isFormValue = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** How many object/array levels a schema nests below its root; Infinity for a recursive $ref. */
export function schemaDepth(schema: unknown, root: unknown = schema, seen = new Set<string>()): number {
  if (typeof schema !== 'object' || schema === null) return 0
  const node = schema as Record<string, unknown>
  if (typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return Infinity
    const target = resolveLocalRef(root, node.$ref)
    return target ? schemaDepth(target, root, new Set([...seen, node.$ref])) : 0
  }
  const children: unknown[] = [
    ...Object.values((node.properties as Record<string, unknown> | undefined) ?? {}),
    ...(Array.isArray(node.items) ? node.items : node.items ? [node.items] : []),
    ...(typeof node.additionalProperties === 'object' ? [node.additionalProperties] : []),
    ...['anyOf', 'oneOf', 'allOf'].flatMap((key) => (Array.isArray(node[key]) ? node[key] : [])),
  ]
  const nests = node.type === 'object' || node.type === 'array' || 'properties' in node || 'items' in node
  // Alternatives (anyOf…) sit at their parent's level; properties and items one level below.
  let deepest = 0
  for (const child of children) deepest = Math.max(deepest, schemaDepth(child, root, seen))
  return (nests ? 1 : 0) + deepest
}

function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined
  let node = root
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined
  }
  return node
}

/** Nesting beyond this many levels (the root object counts as one) is easier to write as JSON. */
export const formDepthLimit = 3

/** Which editor a method's input opens in: the form, unless the schema is too deep or not an object. */
export function initialEditor(schema: RJSFSchema): 'form' | 'json' {
  if (schema.type !== undefined && schema.type !== 'object') return 'json'
  return schemaDepth(schema) > formDepthLimit ? 'json' : 'form'
}
