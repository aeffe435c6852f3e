import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";

export interface ClientOptions {
  /** The API's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** An API token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Extra headers for every request (e.g. a forwarded cookie). */
  headers?: Record<string, string>;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The request failed: transport error, non-JSON answer, or GraphQL errors instead of data. */
export class LatchkeyRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly errors: GraphQLErrorShape[] = [],
  ) {
    super(message);
    this.name = "LatchkeyRequestError";
  }

  /** The `extensions.code` of the first GraphQL error (UNAUTHENTICATED, BAD_USER_INPUT, ...). */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

type Variables<TVariables> = [TVariables] extends [Record<string, never>]
  ? [variables?: TVariables]
  : [variables: TVariables];

export interface LatchkeyClient {
  /** Runs one operation; the result and variables are typed by the document. */
  request<TResult, TVariables>(
    document: DocumentTypeDecoration<TResult, TVariables>,
    ...variables: Variables<TVariables>
  ): Promise<TResult>;
}

export function createClient(options: ClientOptions): LatchkeyClient {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json",
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  return {
    async request(document, ...[variables]) {
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: "POST",
          headers,
          body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
        });
      } catch {
        throw new LatchkeyRequestError(`The Latchkey API at ${options.url} could not be reached.`, undefined);
      }
      let body: { data?: unknown; errors?: GraphQLErrorShape[] };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new LatchkeyRequestError(`The Latchkey API answered ${response.status} without a JSON body.`, response.status);
      }
      if (body.errors?.length || body.data == null) {
        const errors = body.errors ?? [];
        throw new LatchkeyRequestError(errors[0]?.message ?? `The Latchkey API answered ${response.status}.`, response.status, errors);
      }
      return body.data as never;
    },
  };
}
