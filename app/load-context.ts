// What server.mjs hands every loader and action besides the request.
declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string;
  }
}
export {};
