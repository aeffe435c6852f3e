import type { IncomingMessage, ServerResponse } from "node:http";
import { isId, type CredentialRecord, type Services } from "@latchkey/core";
import { readBody } from "./http-body";

export const BENCH_PREFIX = "/bench";

export interface BenchDeps {
  services: Services;
  /** The workspace the request's session or token acts in; null when it brings none (401). */
  workspaceOf(req: IncomingMessage): Promise<string | null>;
  /** SQL statements sent so far, counted by the db layer. */
  statementCount: () => number;
  /**
   * Makes the workspace's given credentials due and runs a round of the scheduled re-verification
   * job now, as configured (its default concurrency unless LATCHKEY_VERIFY_CONCURRENCY is set).
   * Answers how many the round verified and the job's concurrency; null when the job is off.
   */
  reverifyNow(workspaceId: string, credentialIds: string[]): Promise<{ verified: number; concurrency: number } | null>;
  /**
   * The floor resolveCredential is measured against: one primary-key select of the credential
   * and one audit insert, prepared, through the same pool. Answers whether the credential exists.
   */
  floor(workspaceId: string, credentialId: string): Promise<boolean>;
}

function lastVerification(c: CredentialRecord) {
  const v = c.lastVerification;
  return v && { ok: v.ok, code: v.code, status: v.status, message: v.message, checkedAt: v.checkedAt.toISOString(), durationMs: v.durationMs };
}

/**
 * Bench mode only (LATCHKEY_BENCH=true): the baseline the GraphQL API is measured against.
 * `GET /bench/credentials?first=&after=` answers the same page as the SDK's Credentials query
 * (same service, same database pool, same fields) as plain JSON, without GraphQL;
 * `GET /bench/stats` tells how many SQL statements the process has sent, its resident memory and
 * the CPU time it has used (user + system, microseconds);
 * `POST /bench/reverify` runs the scheduled re-verification job on the credentials it names;
 * `GET /bench/floor?id=` runs the floor of resolveCredential (BenchDeps.floor). All
 * need the same session or token as /graphql and act in the caller's workspace.
 */
export async function handleBench(req: IncomingMessage, res: ServerResponse, url: URL, deps: BenchDeps): Promise<void> {
  const send = (status: number, body: unknown): void => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  };
  const workspaceId = await deps.workspaceOf(req);
  if (!workspaceId) return send(401, { error: "Sign in or send an API token." });
  if (url.pathname === `${BENCH_PREFIX}/stats`) {
    const cpu = process.cpuUsage();
    return send(200, { statements: deps.statementCount(), rssBytes: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system });
  }
  if (url.pathname === `${BENCH_PREFIX}/reverify`) {
    if (req.method !== "POST") return send(405, { error: "POST a JSON body { credentialIds: [...] }." });
    // Over MAX_BODY_BYTES: HttpError 413, answered by http-server.ts.
    const body = await readBody(req);
    let ids: unknown;
    try {
      ids = (JSON.parse(body) as { credentialIds?: unknown }).credentialIds;
    } catch {
      ids = undefined;
    }
    if (!Array.isArray(ids) || !ids.every(isId)) return send(400, { error: "Send { credentialIds: [...] } (UUIDs)." });
    const started = performance.now();
    const round = await deps.reverifyNow(workspaceId, ids);
    if (round === null) return send(409, { error: "The scheduled re-verification is off (LATCHKEY_REVERIFY_INTERVAL=0)." });
    return send(200, { ...round, ms: Math.round(performance.now() - started) });
  }
  if (url.pathname === `${BENCH_PREFIX}/floor`) {
    const id = url.searchParams.get("id");
    if (!isId(id)) return send(400, { error: "Send ?id=<credential id>." });
    return (await deps.floor(workspaceId, id)) ? send(200, { data: { id } }) : send(404, { error: "Not found" });
  }
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
