import { createContext, useContext } from "react";

// The CSP nonce of this response, set by entry.server. Browsers hide nonce
// attributes from scripts, so on the client it is empty, which is fine: only the
// server-rendered tags need it.
export const NonceContext = createContext<string>("");

export function useNonce(): string {
  return useContext(NonceContext);
}
