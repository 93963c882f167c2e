// A secret of the wrong environment (a live key on a sandbox connection, a test key on production) is
// caught where it is typed: the wizard and the CLI warn, and the core refuses it on production unless
// the user confirms. The definition's `secretPrefixes` says which prefixes belong where. Shared with
// the renderer, so it is dependency-free.
import { secretFieldsOf } from './definition-defaults.ts'
import type { IntegrationDefinition } from './definition-format.ts'
import type { ValidationIssue } from './errors.ts'

type Environment = 'sandbox' | 'production'

const list = (prefixes: readonly string[]) => prefixes.map((p) => `${p}…`).join(' or ')

/** One issue per secret field whose value does not start with a prefix of this environment. */
export function environmentMismatches(
  definition: IntegrationDefinition,
  environment: Environment,
  secrets: Record<string, string> | undefined,
): ValidationIssue[] {
  if (!secrets || !definition.secretPrefixes) return []
  const issues: ValidationIssue[] = []
  for (const [field, prefixes] of Object.entries(definition.secretPrefixes)) {
    const value = secrets[field]
    const expected = prefixes[environment]
    if (typeof value !== 'string' || value === '' || !expected) continue
    if (expected.some((prefix) => value.startsWith(prefix))) continue
    const other: Environment = environment === 'production' ? 'sandbox' : 'production'
    const looksOther = prefixes[other]?.some((prefix) => value.startsWith(prefix))
    const title = secretFieldsOf(definition).find((secret) => secret.name === field)?.title ?? field
    issues.push({
      path: `secrets.${field}`,
      message: looksOther
        ? `${title} looks like a ${other} key, but this is a ${environment} connection (${environment} keys start with ${list(expected)}).`
        : `${title} does not look like a ${environment} key (${environment} keys start with ${list(expected)}).`,
    })
  }
  return issues
}
