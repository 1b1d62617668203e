// What server.mjs hands every loader and action besides the request.
declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string;
    /** Set by handleError when a query failed because the database did not answer. */
    databaseUnavailable?: boolean;
  }
}
export {};

// Typed loader/action data under single fetch (v3_singleFetch).
declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true;
  }
}
