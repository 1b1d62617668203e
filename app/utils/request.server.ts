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

/** A same-site path to return to after signing in; anything else falls back to `/`. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}
