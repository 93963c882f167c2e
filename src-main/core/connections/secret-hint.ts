// A masked hint of a secret, so people can tell which key is stored ("sk_live_…4242") without the
// hint giving any of the secret away. Hints are stored in clear and shown in the renderer and the
// CLI, so they reveal only what is public by convention:
//  - a prefix only when it is a vendor's documented token prefix (never a prefix of the value's own
//    words: "hello_world_2024" must not hint "hello_world_");
//  - the last four characters only for secrets of 24+ characters (random tokens, where four
//    characters tell nothing useful to a guesser);
//  - nothing at all for password fields.

/**
 * Vendors' documented token prefixes. Longest first, so "sk_live_" wins over shorter matches.
 * Sources: Stripe (API keys, restricted keys, webhook secrets), Slack (bot, user, app-level tokens),
 * GitHub (token formats of 2021 and fine-grained PATs), GitLab (PATs), Shopify (app tokens and
 * secrets), OpenAI and Anthropic (project / API keys), SendGrid, npm, Linear, Notion.
 */
export const vendorPrefixes: readonly string[] = [
  'github_pat_',
  'sk_live_',
  'sk_test_',
  'rk_live_',
  'rk_test_',
  'pk_live_',
  'pk_test_',
  'lin_api_',
  'sk-proj-',
  'sk-ant-',
  'whsec_',
  'glpat-',
  'shpat_',
  'shpss_',
  'shpca_',
  'shppa_',
  'xoxb-',
  'xoxp-',
  'xoxa-',
  'xoxr-',
  'xapp-',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'npm_',
  'ntn_',
  'SG.',
].toSorted((a, b) => b.length - a.length)

/** Secrets at least this long show their last four characters. */
export const minLengthForSuffix = 24
const hidden = '••••••'

export interface HintOptions {
  /** A password field (format "password", or named like one): never hinted. */
  password?: boolean
}

export function secretHint(value: string, options: HintOptions = {}): string {
  if (options.password) return hidden
  // A prefix is shown only when enough of the value stays hidden behind it.
  const prefix = vendorPrefixes.find((p) => value.startsWith(p) && value.length >= p.length + 12) ?? ''
  const suffix = value.length >= minLengthForSuffix ? value.slice(-4) : ''
  if (!prefix && !suffix) return hidden
  return `${prefix}…${suffix}`
}

/** Whether a field of a secretSchema holds a password: `format: "password"` or a password-like name. */
export function isPasswordField(schema: unknown, field: string): boolean {
  const property = (schema as { properties?: Record<string, { format?: unknown }> } | undefined)
    ?.properties?.[field]
  return property?.format === 'password' || /pass(word|phrase)|^pin$/i.test(field)
}
