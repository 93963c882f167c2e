// Patterns from imported schemas (definitions, OpenAPI documents, ContractSpec files) run in linear
// time: ajv compiles `pattern` and `patternProperties` with RE2 (re2js, a pure-JS port) instead of a
// native, backtracking RegExp, so `^(a+)+$` against a long typed value cannot hang the main process.
// What RE2 cannot express in linear time (backreferences, lookarounds) does not compile: imports
// refuse it, naming where it is (patternIssues).
import type { CodeOptions } from 'ajv'
import { RE2JS } from 're2js'
import type { ValidationIssue } from '../../contract/errors.ts'

type RegExpEngine = NonNullable<CodeOptions['regExp']>
type RegExpLike = ReturnType<RegExpEngine>

/** The pattern in RE2's syntax (named groups, \u{…}), compiled; throws RE2's reason when it cannot. */
function compile(pattern: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(pattern))
}

/**
 * ajv's `code.regExp`. ajv keys compiled patterns by `toString()`, so each result names its pattern.
 * ajv passes the `u` flag (unicodeRegExp); RE2 always matches by code point, so it needs no flag.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    const compiled = compile(pattern)
    const like = { test: (value: string) => compiled.test(value), toString: () => `re2:/${pattern}/${flags}` }
    return like
  },
  { code: 'linearRegExp' },
)

/** Why RE2 cannot compile the pattern, or null when it can. */
export function linearPatternProblem(pattern: string): string | null {
  try {
    compile(pattern)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Keywords whose values are not schemas: a `pattern` inside them is data, not a rule. */
const dataKeywords = new Set(['const', 'enum', 'default', 'examples', 'example'])
/** Keywords whose values map names to schemas: a property called "pattern" is a schema, not a rule. */
const nameMaps = new Set(['properties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'])

/**
 * Every `pattern` and `patternProperties` key under `schema` that RE2 cannot compile, each named by
 * its JSON path from `at` (e.g. `methods[0].inputSchema.properties.code.pattern`).
 */
export function patternIssues(schema: unknown, at: string): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const seen = new Set<unknown>()
  const refuse = (path: string, pattern: string, reason: string) =>
    issues.push({
      path,
      message: `"${pattern}" cannot be checked in linear time (RE2 has no backreferences or lookarounds): ${reason}`,
    })
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}[${index}]`))
      return
    }
    if (!isObject(node) || seen.has(node)) return
    seen.add(node)
    for (const [key, value] of Object.entries(node)) {
      const here = `${path}.${key}`
      if (dataKeywords.has(key)) continue
      if (nameMaps.has(key) && isObject(value)) {
        for (const [name, child] of Object.entries(value)) visit(child, `${here}.${name}`)
        continue
      }
      if (key === 'pattern' && typeof value === 'string') {
        const problem = linearPatternProblem(value)
        if (problem) refuse(here, value, problem)
        continue
      }
      if (key === 'patternProperties' && isObject(value)) {
        for (const [pattern, child] of Object.entries(value)) {
          const problem = linearPatternProblem(pattern)
          if (problem) refuse(here, pattern, problem)
          visit(child, `${here}.${pattern}`)
        }
        continue
      }
      visit(value, here)
    }
  }
  visit(schema, at)
  return issues
}
