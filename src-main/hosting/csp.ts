// The renderer's Content-Security-Policy, defined once: the build writes it into index.html as a
// <meta> tag, and the app:// protocol handler and the HTTP test bridge send it as a header.
// No inline or remote script, no eval, no plugins, no frames; Mantine needs inline styles.
// (frame-ancestors is left out: browsers ignore it in a <meta> tag, and nothing can embed the app.)
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ')
