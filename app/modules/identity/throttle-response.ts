import type { HeadersFunction } from "@remix-run/node";
import { data } from "@remix-run/node";

// How every limited form (log-in, sign-up, forgot password) answers a refused attempt.

/** 429 with the form's reply and the wait in `Retry-After`. */
export function tooManyAttempts<T>(reply: T, retryAfterSeconds: number) {
  return data(reply, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** Action headers reach the document response only through a route's `headers` export. */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
