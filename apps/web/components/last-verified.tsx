import { formatDateTime, formatRelativeTime } from "@/lib/format";

/** When a credential was last verified: relative, with the exact time on hover and in datetime. */
export function LastVerified({ checkedAt, now }: { checkedAt: string | undefined; now: number }) {
  if (!checkedAt) return <span className="muted">Never</span>;
  return (
    <time dateTime={checkedAt} title={formatDateTime(checkedAt)}>
      {formatRelativeTime(checkedAt, now)}
    </time>
  );
}
