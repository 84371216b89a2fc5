// Where to send someone after logging in or signing up. The target comes from the
// query string, so anyone can write it: only a path of this site is followed.

/** The origin a candidate is resolved against; any other origin in the result is foreign. */
const PROBE_ORIGIN = "https://peerloop.invalid";

/** Longer targets are not ones the app makes (it writes pathname + search). */
export const MAX_REDIRECT_LENGTH = 2048;

/**
 * The target as a same-site path (normalised by the URL parser, as a browser would read
 * it), or `fallback`. Refused: anything not starting with one "/", and anything holding
 * a control character (browsers drop tab/CR/LF inside URLs, so "/\t/evil.example" is
 * "//evil.example" to them; CR/LF would also break the Location header).
 */
export function safeRedirectPath(
  target: string | null | undefined,
  fallback = "/dashboard",
): string {
  if (typeof target !== "string" || target.length > MAX_REDIRECT_LENGTH) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!target.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/%2F/evil.example" stays one path for the parser, but is "//…" once decoded by
  // some proxies and frameworks; a path never needs to start with two slashes.
  return path.startsWith("//") || /^\/%2f/i.test(path) || /^\/%5c/i.test(path) ? fallback : path;
}
