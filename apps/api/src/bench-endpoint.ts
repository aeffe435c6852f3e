import type { IncomingMessage, ServerResponse } from "node:http";
import type { CredentialRecord, Services } from "@latchkey/core";

export const BENCH_PREFIX = "/bench";

export interface BenchDeps {
  services: Services;
  /** The workspace the request's session or token acts in; null when it brings none (401). */
  workspaceOf(req: IncomingMessage): Promise<string | null>;
  /** SQL statements sent so far, counted by the db layer. */
  statementCount: () => number;
}

function lastVerification(c: CredentialRecord) {
  const v = c.lastVerification;
  return v && { ok: v.ok, code: v.code, status: v.status, message: v.message, checkedAt: v.checkedAt.toISOString(), durationMs: v.durationMs };
}

/**
 * Bench mode only (LATCHKEY_BENCH=true): the baseline the GraphQL API is measured against.
 * `GET /bench/credentials?first=&after=` answers the same page as the SDK's Credentials query
 * (same service, same database pool, same fields) as plain JSON, without GraphQL;
 * `GET /bench/stats` tells how many SQL statements the process has sent. Both need the same
 * session or token as /graphql; the page is the caller's workspace's.
 */
export async function handleBench(req: IncomingMessage, res: ServerResponse, url: URL, deps: BenchDeps): Promise<void> {
  const send = (status: number, body: unknown): void => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  };
  const workspaceId = await deps.workspaceOf(req);
  if (!workspaceId) return send(401, { error: "Sign in or send an API token." });
  if (url.pathname === `${BENCH_PREFIX}/stats`) return send(200, { statements: deps.statementCount() });
  if (url.pathname !== `${BENCH_PREFIX}/credentials`) return send(404, { error: "Not found" });

  const first = url.searchParams.has("first") ? Number(url.searchParams.get("first")) : null;
  const page = await deps.services.credentials.list(workspaceId, { first, after: url.searchParams.get("after") });
  if ("__typename" in page) return send(400, page);
  const components = new Map(
    (await deps.services.components.findByIds(workspaceId, [...new Set(page.items.map((c) => c.componentId))])).map((c) => [c.id, c]),
  );
  send(200, {
    data: {
      credentials: {
        totalCount: page.totalCount,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
        edges: page.items.map((c, i) => {
          const component = components.get(c.componentId)!;
          return {
            cursor: page.cursors[i],
            node: {
              id: c.id,
              name: c.name,
              authType: c.authType,
              config: c.config,
              secrets: c.secretHints.map((s) => ({ field: s.field, hint: s.hint })),
              status: c.status,
              lastVerification: lastVerification(c),
              component: { id: component.id, key: component.key, name: component.name },
              createdAt: c.createdAt.toISOString(),
              updatedAt: c.updatedAt.toISOString(),
            },
          };
        }),
      },
    },
  });
}
