import type { IncomingMessage } from "node:http";

/** The largest request body read (GraphQL requests, the bench endpoint's POSTs). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A request refused before it reaches GraphQL: answered with `status` and a coded GraphQL error. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request body as text; over MAX_BODY_BYTES, throws HttpError 413 (PAYLOAD_TOO_LARGE). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES / 1024} KiB.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
