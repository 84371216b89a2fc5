/**
 * Responses that must pass uncompressed, whatever their type. An event stream must
 * reach the client as it is written (a compressor holds bytes back), and an upgraded
 * connection (the pad's websocket) carries frames, not an HTTP body.
 */
export function mustNotCompress(
  requestHeaders: { upgrade?: string | string[] },
  contentType: unknown,
): boolean {
  if (requestHeaders.upgrade) return true;
  return typeof contentType === "string" && /^\s*text\/event-stream\b/i.test(contentType);
}
