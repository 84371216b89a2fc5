// Pure builders for the security headers and the same-origin rule, applied to every
// response and request by the Express app (app/http/express-app.server.ts).

export interface CspOptions {
  nonce: string;
  /** Vite's dev server needs its HMR websocket. */
  isDevelopment: boolean;
  /** Extra origins the page may connect to (e.g. a LiveKit server). */
  connectSources?: string[];
  /**
   * Where a form may lead besides this origin: a form POST answered by a redirect to
   * Stripe Checkout is checked against form-action too.
   */
  formActionSources?: string[];
}

export function buildContentSecurityPolicy({
  nonce,
  isDevelopment,
  connectSources = [],
  formActionSources = [],
}: CspOptions): string {
  const connect = ["'self'", ...connectSources, ...(isDevelopment ? ["ws:", "wss:"] : [])];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // Only scripts carrying this response's nonce run, and what they load.
    // 'wasm-unsafe-eval' compiles WebAssembly (the room's Python and PostgreSQL runners),
    // nothing else: eval and new Function stay refused.
    "script-src": [`'nonce-${nonce}'`, "'strict-dynamic'", "'wasm-unsafe-eval'"],
    // The runners' workers come from our own origin only.
    "worker-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "media-src": ["'self'", "blob:"],
    "connect-src": connect,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formActionSources],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function securityHeaders(options: CspOptions & { isProduction: boolean }) {
  const headers: Record<string, string> = {
    "Content-Security-Policy": buildContentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(self), geolocation=(), payment=()",
  };
  if (options.isProduction) {
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  }
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a state-changing request comes from another origin. Browsers send
 * Sec-Fetch-Site (modern) or Origin (older) on cross-site POSTs; a request with
 * neither is not from a browser page and carries no ambient cookie worth forging,
 * and SameSite=Lax keeps cookies off cross-site subrequests anyway.
 */
export function isCrossOriginWrite(request: {
  method: string;
  origin?: string | null;
  secFetchSite?: string | null;
  expectedOrigin: string;
}): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const site = request.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return true;
  if (request.origin && request.origin !== "null") {
    return request.origin !== request.expectedOrigin;
  }
  // "Origin: null" comes from sandboxed frames and privacy redirects: never trusted.
  return request.origin === "null";
}
