// The small page the browser tab shows when the sign-in comes back to Switchboard's loopback listener.
// Static HTML: no script, nothing loaded from anywhere, the message escaped.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export type PageOutcome = { ok: true } | { ok: false; title?: string; message: string }

export function callbackPage(outcome: PageOutcome): string {
  const title = outcome.ok ? 'Signed in — you can close this tab' : (outcome.title ?? 'Sign-in failed')
  const body = outcome.ok
    ? '<p>Switchboard has the sign-in. Return to Switchboard.</p>'
    : `<p>${escapeHtml(outcome.message)}</p><p>Return to Switchboard to try again.</p>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Switchboard</title>
<style>
body { font-family: system-ui, sans-serif; margin: 15vh auto; max-width: 32rem; padding: 0 1rem; color: #1f2933; }
h1 { font-size: 1.4rem; color: ${outcome.ok ? '#1b7f3b' : '#b42318'}; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`
}

/** Headers for every page the listener serves: never cached, never referred, never scripted. */
export const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  connection: 'close',
} as const
