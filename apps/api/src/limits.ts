import { ApolloArmor } from "@escape.tech/graphql-armor";
import { takeRateLimitToken, type Database } from "@latchkey/db";
import { GraphQLError, type ValidationContext } from "graphql";

/**
 * Bounds on what one GraphQL document may ask for. The SDK's largest operation stays well inside
 * every one of them (apps/api/test/limits.test.ts checks each SDK document against them).
 */
export const QUERY_LIMITS = {
  /** Nested fields; fragments do not count as levels. flow → steps → credential → usage → flow … fans out without it. */
  depth: 12,
  /** armor's cost: 2 per object field, 1 per scalar, ×1.5 per level of nesting. */
  cost: 5_000,
  /** Aliased fields per operation (`__typename` aliases are free). */
  aliases: 15,
  /** Directives per operation. */
  directives: 50,
  /** Lexical tokens per document, enforced by the parser before anything else runs. */
  tokens: 5_000,
} as const;

/** The coded errors a document over a limit gets (HTTP 400, nothing executed). */
export const LIMIT_CODES = {
  depth: "DEPTH_LIMIT_EXCEEDED",
  cost: "COST_LIMIT_EXCEEDED",
  aliases: "ALIAS_LIMIT_EXCEEDED",
  directives: "DIRECTIVE_LIMIT_EXCEEDED",
  tokens: "TOKEN_LIMIT_EXCEEDED",
} as const;

/** Reports the violation as a validation error carrying its own code (graphql-errors.ts keeps it). */
function reject(code: string): { propagateOnRejection: false; onReject: ((context: ValidationContext | null, error: GraphQLError) => void)[] } {
  return {
    propagateOnRejection: false,
    onReject: [
      (context, error) => {
        // armor prefixes every message with "Syntax Error: ", which these are not.
        const message = error.message.replace(/^Syntax Error: /, "");
        context?.reportError(new GraphQLError(message, { extensions: { code } }));
      },
    ],
  };
}

/**
 * graphql-armor's validation rules for depth, cost, aliases and directives (cached with the
 * document, so a repeated query does not pay for them again). "Did you mean …?" suggestions are
 * cut by the error formatter (graphql-errors.ts), which sees every error, not only validation's.
 */
export function queryProtection() {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth, flattenFragments: true, ...reject(LIMIT_CODES.depth) },
    costLimit: { maxCost: QUERY_LIMITS.cost, ...reject(LIMIT_CODES.cost) },
    maxAliases: { n: QUERY_LIMITS.aliases, ...reject(LIMIT_CODES.aliases) },
    maxDirectives: { n: QUERY_LIMITS.directives, ...reject(LIMIT_CODES.directives) },
    // The parser's own maxTokens (parseOptions) does this without lexing the document twice.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules, parseOptions: { maxTokens: QUERY_LIMITS.tokens } };
}

/** Whether a code is one of the limit violations above. */
export function isLimitCode(code: unknown): code is (typeof LIMIT_CODES)[keyof typeof LIMIT_CODES] {
  return typeof code === "string" && (Object.values(LIMIT_CODES) as string[]).includes(code);
}

/** Takes one verification for a workspace or throws RATE_LIMITED saying when to retry. */
export interface VerificationLimiter {
  take(workspaceId: string): Promise<void>;
}

/** The RATE_LIMITED error for a bucket left with `tokens` (< 1), refilled at `perMinute`. */
function rateLimited(perMinute: number, tokens: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(((1 - tokens) * 60) / perMinute));
  return new GraphQLError(`Too many verifications in this workspace: at most ${perMinute} per minute. Retry in ${retryAfterSeconds} s.`, {
    extensions: { code: "RATE_LIMITED", retryAfterSeconds },
  });
}

/**
 * A per-workspace token bucket for the mutations that make outgoing requests (verifications):
 * `perMinute` of them, refilled continuously, with a burst of the same size, kept in this process
 * (PGlite: the only process).
 */
export class VerificationRateLimiter implements VerificationLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(workspaceId: string): Promise<void> {
    const now = this.now();
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(workspaceId) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * ratePerMs);
    bucket.at = now;
    this.buckets.set(workspaceId, bucket);
    if (bucket.tokens < 1) throw rateLimited(this.perMinute, bucket.tokens);
    bucket.tokens -= 1;
  }
}

/**
 * The same bucket kept in the database (PostgreSQL): one statement per take, so every API
 * process on the database shares it and N replicas together allow `perMinute`.
 */
export class SharedVerificationRateLimiter implements VerificationLimiter {
  constructor(
    private readonly db: Database,
    private readonly perMinute: number,
  ) {}

  async take(workspaceId: string): Promise<void> {
    const { taken, tokens } = await takeRateLimitToken(this.db, `verify:${workspaceId}`, this.perMinute, this.perMinute);
    if (!taken) throw rateLimited(this.perMinute, tokens);
  }
}
