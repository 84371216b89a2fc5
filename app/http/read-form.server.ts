import { FormLimitError, MAX_BODY_BYTES, parseUrlEncodedForm } from "./form-limits";

/**
 * The request body as text, read up to `maxBytes`: a longer body (announced or not)
 * throws FormLimitError(413) without being buffered whole.
 */
export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const announced = Number(request.headers.get("content-length") ?? 0);
  if (announced > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not cancel(): that destroys the socket before the 413 is written. The rest is
      // never buffered; the connection is closed after the answer (Connection: close).
      reader.releaseLock();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

const URL_ENCODED = "application/x-www-form-urlencoded";

// The app's forms never upload files, so multipart bodies are not parsed at all.
function unsupported() {
  return new FormLimitError(415, `Forms are accepted as ${URL_ENCODED} only.`);
}

function tooLarge(maxBytes: number) {
  return new FormLimitError(413, `The request is larger than ${Math.round(maxBytes / 1024)} KB.`);
}

/**
 * The one way actions read a form. The body is bounded (bytes, fields, shape of every
 * name) before Conform or zod see it; anything over a limit, or not a urlencoded form,
 * is thrown as a 4xx response with a plain message, for the route's error boundary.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type && type !== URL_ENCODED) throw unsupported();
    const text = await readBodyText(request);
    if (text.length === 0) return new FormData();
    if (!type) throw unsupported();
    return parseUrlEncodedForm(text);
  } catch (err) {
    if (err instanceof FormLimitError) {
      throw new Response(err.message, {
        status: err.status,
        headers: {
          "Content-Type": "text/plain; charset=utf-8",
          ...(err.status === 413 ? { Connection: "close" } : {}),
        },
      });
    }
    throw err;
  }
}
