import { CredentialVerificationsDocument } from "@latchkey/sdk";
import Link from "next/link";

import { loadFromApi } from "@/lib/api";
import { formatDateTime, STATUS_LABELS, triggerWords } from "@/lib/format";

import { StatusIndicator } from "./status-indicator";

/** How many results the timeline shows at first, and at most (the API keeps the 50 newest). */
export const HISTORY_PAGE = 10;
const HISTORY_MAX = 50;

/**
 * The credential's latest verification results, newest first: status, reason, when, and what
 * caused each (and who, when a person or API token did). One
 * component (its own query) so the page only passes the id and how many to show.
 */
export async function VerificationHistory({ credentialId, shown }: { credentialId: string; shown: number }) {
  const first = Math.min(Math.max(shown, HISTORY_PAGE), HISTORY_MAX);
  const result = await loadFromApi((api) => api.request(CredentialVerificationsDocument, { id: credentialId, first }));
  if (!result.ok || !result.data.credential) return null;
  const { edges, pageInfo } = result.data.credential.verifications;
  const entries = edges.map((edge) => edge.node);
  const more = pageInfo.hasNextPage && first < HISTORY_MAX;
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading" className="section__title">
        Verification history
      </h2>
      {entries.length === 0 ? (
        <p className="muted">Not verified yet.</p>
      ) : (
        <ol className="timeline" aria-label="Verification history">
          {entries.map((entry, index) => (
            <li key={`${entry.checkedAt}-${index}`} className="timeline__entry" data-status={entry.status}>
              <StatusIndicator id={`history-${index}`} status={entry.status} />
              <div className="timeline__body">
                <p>
                  <time dateTime={entry.checkedAt}>{formatDateTime(entry.checkedAt)}</time>
                  <span className="muted"> · {STATUS_LABELS[entry.status]} · took {entry.durationMs} ms</span>
                </p>
                <p className="timeline__trigger">{triggerWords(entry.trigger, entry.triggeredBy)}</p>
                <p className="timeline__reason">{entry.message}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
      {more ? (
        <p>
          <Link href={`?history=${Math.min(first + HISTORY_PAGE * 2, HISTORY_MAX)}#history-heading`} scroll={false}>
            Show older results
          </Link>
        </p>
      ) : null}
    </section>
  );
}
