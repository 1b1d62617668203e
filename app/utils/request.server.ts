// Facts about the incoming request that several modules need.

/** The client's IP as the server saw it (server.mjs overwrites this header; clients cannot set it). */
export function clientIp(request: Request): string | null {
  const ip = request.headers.get('x-jinmane-client-ip');
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip.replace(/^::ffff:/, '') : null;
}

/** The id server.mjs gives each request (absent when loaders are called directly, as in tests). */
export function requestId(request: Request): string | null {
  const id = request.headers.get('x-jinmane-request-id');
  return id && /^[0-9a-f-]{36}$/.test(id) ? id : null;
}

/**
 * A same-site path to return to after signing in; anything else falls back to `fallback`. Judged as a
 * browser reads it: whitespace and control characters (a browser drops a tab, so `/\t/evil.example`
 * is `//evil.example`) and backslashes are refused, and the path must still be on this site once
 * parsed and normalized (`/.//evil.example` is `//evil.example`). What is returned is the parsed form.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u001f\u007f\\\s]/.test(value)) return fallback;
  const base = 'http://this-site.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === base && !path.startsWith('//') ? path : fallback;
}
