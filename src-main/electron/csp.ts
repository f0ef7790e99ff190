// The renderer's Content-Security-Policy, written once: main sends it as a response header and the build puts it in
// index.html's meta tag (the harness serves the page over HTTP without main, so the page must carry it too).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
