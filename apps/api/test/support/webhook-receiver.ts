import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** One request the receiver got, verified (or not) with the `standardwebhooks` package. */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The parsed body when a secret verified it; undefined when none did. */
  event: { type: string; timestamp: string; data: Record<string, any> } | undefined;
  /** Which of the receiver's secrets verified it. */
  verifiedWith: string[];
  /** The status the receiver answered (0 while it is answering). */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Verified events of `type`. */
  events(type?: string): NonNullable<ReceivedWebhook["event"]>[];
  /** The secrets every request is verified with (set after createWebhookEndpoint answers). */
  secrets: string[];
  /** Decides the status of each request (default 204); may wait. */
  respond: (request: ReceivedWebhook) => number | Promise<number>;
  /** Requests being answered now, per webhook-id (the most at once, to catch concurrent duplicates). */
  maxConcurrentPerId: number;
  /** Stops listening (the port is kept for listen()). */
  close(): Promise<void>;
  /** Listens again on the same port. */
  listen(): Promise<void>;
}

/** A real receiver on loopback that verifies every delivery as a user's would, with `standardwebhooks`. */
export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const inFlight = new Map<string, number>();
  const receiver: WebhookReceiver = {
    url: "",
    port,
    received: [],
    secrets: [],
    respond: () => 204,
    maxConcurrentPerId: 0,
    events: (type) => receiver.received.flatMap((r) => (r.event && (!type || r.event.type === type) ? [r.event] : [])),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    listen: () => new Promise((resolve) => server.listen(receiver.port, "127.0.0.1", () => resolve())),
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = { "webhook-id": String(req.headers["webhook-id"] ?? ""), "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""), "webhook-signature": String(req.headers["webhook-signature"] ?? "") };
    const verifiedWith: string[] = [];
    let event: ReceivedWebhook["event"];
    for (const secret of receiver.secrets) {
      try {
        event = new Webhook(secret).verify(body, headers) as ReceivedWebhook["event"];
        verifiedWith.push(secret);
      } catch {
        // not this secret
      }
    }
    const record: ReceivedWebhook = { id: headers["webhook-id"], timestamp: headers["webhook-timestamp"], signature: headers["webhook-signature"], body, event, verifiedWith, status: 0 };
    receiver.received.push(record);
    const now = (inFlight.get(record.id) ?? 0) + 1;
    inFlight.set(record.id, now);
    receiver.maxConcurrentPerId = Math.max(receiver.maxConcurrentPerId, now);
    try {
      record.status = event ? await receiver.respond(record) : 400;
    } finally {
      inFlight.set(record.id, (inFlight.get(record.id) ?? 1) - 1);
    }
    res.writeHead(record.status).end();
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}
