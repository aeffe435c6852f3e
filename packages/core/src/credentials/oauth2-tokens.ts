import { and, credentials, eq, sql, type Database } from "@latchkey/db";
import type { Keyring } from "../crypto";
import {
  describeTokenFailure,
  isPermanentFailure,
  refreshAccessToken,
  requestClientCredentialsToken,
  type OAuth2Grant,
  type OAuth2Method,
  type OAuth2Tokens,
  type TokenResult,
} from "../oauth2/oauth2-client";
import type { ComponentRecord } from "../records";
import type { CredentialValues, VerificationResult } from "../types";
import { createVerificationResult, type VerifierOptions } from "../verification/verifier";
import { currentDestination, openCredentialValues, sealCredentialValues } from "./credential-secrets";
import { findCredentialRow, recordVerification, toStoredVerification, withTrigger, type CredentialRow } from "./credential-store";

/** A credential whose access token may be used now. */
export interface FreshCredential {
  row: CredentialRow;
  values: CredentialValues;
  accessToken: string;
  /** The refresh token stored with it, if any (resolveCredential hands it to imported components). */
  refreshToken?: string;
  expiresAt: Date | null;
}

export type FreshResult =
  | { ok: true; fresh: FreshCredential }
  /** `recorded`: the failure is already the credential's stored status and history entry. */
  | { ok: false; verification: VerificationResult; recorded: boolean }
  | { ok: false; missing: true };

export interface TokenTarget {
  component: ComponentRecord;
  method: OAuth2Method;
}

/**
 * Why a new token is asked for:
 * - due: the stored one is within the refresh margin of its expiry (or there is none);
 * - rejected: verify.http answered 401 to `accessToken`;
 * - retry: the credential is re-verified on purpose, so a failed refresh may be tried again.
 */
type RenewReason = { kind: "due" } | { kind: "rejected"; accessToken: string } | { kind: "retry" };

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Keeps OAuth2 access tokens usable. A renewal runs under the credential's row lock (`FOR UPDATE`
 * in a transaction), so across API processes one caller asks the provider while the others wait
 * and then find the new token already stored. Within one process, concurrent callers for the same
 * credential also share one promise. A refresh refused for good (invalid_grant, no refresh token,
 * a rejected client) marks the credential (`token_refresh_failed_at`), and nothing renews it again
 * until its values are updated or it is re-verified on purpose.
 */
export class OAuth2TokenKeeper {
  private readonly inflight = new Map<string, Promise<FreshResult>>();

  constructor(
    private readonly db: Database,
    private readonly keyring: Keyring,
    private readonly options: VerifierOptions,
    private readonly refreshMarginMs: number = DEFAULT_REFRESH_MARGIN_MS,
  ) {}

  /** The stored access token when it is not due for renewal, else a renewed one. */
  async fresh(row: CredentialRow, target: TokenTarget, options: { retryFailed?: boolean } = {}): Promise<FreshResult> {
    if (row.tokenRefreshFailedAt && !options.retryFailed) return storedFailure(row);
    // Throws DestinationChangedError (nothing sent) when the token or base URL moved.
    const { values, tokens } = openCredentialValues(this.keyring, row, currentDestination(row, target, this.options));
    if (tokens && !row.tokenRefreshFailedAt && !this.isDue(row.tokenExpiresAt)) {
      return { ok: true, fresh: { row, values, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: row.tokenExpiresAt } };
    }
    return this.renew(row, target, options.retryFailed ? { kind: "retry" } : { kind: "due" });
  }

  /** After verify.http rejected `accessToken`: a renewed token, unless another caller renewed it meanwhile. */
  renewRejected(row: CredentialRow, target: TokenTarget, accessToken: string): Promise<FreshResult> {
    return this.renew(row, target, { kind: "rejected", accessToken });
  }

  private isDue(expiresAt: Date | null): boolean {
    return expiresAt !== null && expiresAt.getTime() - Date.now() <= this.refreshMarginMs;
  }

  private renew(row: CredentialRow, target: TokenTarget, reason: RenewReason): Promise<FreshResult> {
    const key = `${row.id}:${reason.kind}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.renewLocked(row.workspaceId, row.id, target, reason).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private renewLocked(workspaceId: string, id: string, target: TokenTarget, reason: RenewReason): Promise<FreshResult> {
    return this.db.transaction(async (tx) => {
      const row = await findCredentialRow(tx, workspaceId, id, "update");
      if (!row) return { ok: false, missing: true } as const;
      if (row.tokenRefreshFailedAt && reason.kind !== "retry") return storedFailure(row);
      const destination = currentDestination(row, target, this.options);
      const { values, tokens } = openCredentialValues(this.keyring, row, destination);
      const current = (): FreshResult => ({
        ok: true,
        fresh: { row, values, accessToken: tokens!.accessToken, refreshToken: tokens!.refreshToken, expiresAt: row.tokenExpiresAt },
      });
      // Whoever held the lock before may have renewed the token already: then it is reused.
      if (tokens && !row.tokenRefreshFailedAt) {
        if (reason.kind === "rejected" && tokens.accessToken !== reason.accessToken) return current();
        if (reason.kind !== "rejected" && !this.isDue(row.tokenExpiresAt)) return current();
      }

      const startedAt = performance.now();
      const refreshToken = tokens?.refreshToken;
      const grant = grantOf(row, target.method);
      const result: TokenResult =
        grant === "client_credentials"
          ? await requestClientCredentialsToken(target.method, values, this.options)
          : refreshToken
            ? await refreshAccessToken(target.method, values, refreshToken, this.options)
            : { ok: false, failure: { kind: "no-refresh-token" } };

      if (result.ok) {
        // A provider that rotates refresh tokens sends a new one; one that does not keeps the old one valid.
        const renewed: OAuth2Tokens = { ...result.tokens, refreshToken: result.tokens.refreshToken ?? refreshToken };
        const [updated] = await tx
          .update(credentials)
          .set({
            secrets: sealCredentialValues(this.keyring, target.method, values, { workspaceId, credentialId: id, destination }, renewed).secrets,
            oauth2Grant: grant,
            tokenExpiresAt: renewed.expiresAt,
            tokenRefreshFailedAt: null,
          })
          .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
          .returning();
        return { ok: true, fresh: { row: updated!, values, accessToken: renewed.accessToken, refreshToken: renewed.refreshToken, expiresAt: renewed.expiresAt } } as const;
      }

      const step = grant === "client_credentials" ? "client_credentials" : "refresh";
      const outcome = describeTokenFailure(target.component.name, result.failure, step, this.options.timeoutMs);
      // Stored (when refused for good) as the renewal's own result, whichever use or check asked for it.
      const verification = withTrigger(createVerificationResult({ descriptor: target.component.descriptor, method: target.method, values }, outcome, startedAt), "TOKEN_REFRESH");
      if (!isPermanentFailure(result.failure)) return { ok: false, verification, recorded: false } as const;
      await tx
        .update(credentials)
        .set({
          status: verification.status,
          lastVerification: toStoredVerification(verification),
          verifiedAt: verification.checkedAt,
          tokenRefreshFailedAt: verification.checkedAt,
          statusSource: "token_renewal",
          updatedAt: sql`now()`,
        })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)));
      await recordVerification(tx, workspaceId, id, verification);
      return { ok: false, verification, recorded: true } as const;
    });
  }
}

/** The grant that renews the credential's token; a credential saved without one renews by client credentials if it can. */
function grantOf(row: CredentialRow, method: OAuth2Method): OAuth2Grant {
  if (row.oauth2Grant) return row.oauth2Grant;
  return method.oauth2.grantTypes.includes("client_credentials") ? "client_credentials" : "authorization_code";
}

/** The result that marked the credential, answered again without asking the provider. */
function storedFailure(row: CredentialRow): FreshResult {
  const last = row.lastVerification;
  const verification: VerificationResult = last
    ? ({ ...last, checkedAt: new Date(last.checkedAt) } as VerificationResult)
    : {
        ok: false,
        code: "TOKEN_EXPIRED",
        status: "EXPIRED",
        message: "The access token could not be renewed: connect the account again.",
        checkedAt: row.tokenRefreshFailedAt ?? new Date(),
        durationMs: 0,
      };
  return { ok: false, verification, recorded: true };
}
