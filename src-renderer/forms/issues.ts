// The core's validation issues ("config.region", "secrets.apiKey", "config.items[0].id") as RJSF's
// ErrorSchema, so a form shows each one on the field it names.
import type { ErrorSchema } from '@rjsf/utils'
import type { ValidationIssue } from '../../src-main/contract/errors.ts'

type Node = { __errors?: string[]; [key: string]: unknown }

/** The issues under `root` (e.g. "config"); an issue naming the root itself goes on the form as a whole. */
export function issuesToErrorSchema(issues: ValidationIssue[], root: string): ErrorSchema {
  const schema: Node = {}
  for (const issue of issues) {
    if (issue.path !== root && !issue.path.startsWith(`${root}.`) && !issue.path.startsWith(`${root}[`))
      continue
    const rest = issue.path.slice(root.length).replace(/^\./, '')
    const segments = rest.split(/\.|\[(\d+)\]/).filter((segment): segment is string => Boolean(segment))
    let node = schema
    for (const segment of segments) node = (node[segment] ??= {}) as Node
    node.__errors = [...(node.__errors ?? []), issue.message]
  }
  return schema as ErrorSchema
}

/** Issues whose path is `root` or lies beneath it. */
export const issuesUnder = (issues: ValidationIssue[], root: string) =>
  issues.filter(
    (issue) => issue.path === root || issue.path.startsWith(`${root}.`) || issue.path.startsWith(`${root}[`),
  )

/** Drops fields left empty (undefined or ''), which RJSF keeps and JSON would drop anyway. */
export function withoutEmpty<T>(values: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, T>
}

/** The issues still standing after an edit: those on a field whose value changed are dropped. */
export function issuesAfterEdit(
  issues: ValidationIssue[],
  root: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ValidationIssue[] {
  return issues.filter((issue) => {
    const field = issue.path.slice(root.length).replace(/^\./, '').split(/[.[]/)[0]
    if (!field) return true
    return JSON.stringify(before[field]) === JSON.stringify(after[field])
  })
}
