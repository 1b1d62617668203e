import { createContext, useContext } from 'react';

// The per-request CSP nonce, so that the few inline scripts Remix writes are allowed and nothing else.
const NonceContext = createContext<string>('');
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
