"use client";

import type { CredentialStatus } from "@latchkey/sdk";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";

import { NEEDS_ATTENTION, STATUS_LABELS } from "@/lib/format";

const STATUSES = Object.keys(STATUS_LABELS) as CredentialStatus[];
const SEARCH_DELAY_MS = 250;
const noSubscription = () => () => {};

/**
 * Search and status filter of the overview. A plain GET form (works without JavaScript); with it,
 * the page updates as the person types or picks a status.
 */
export function OverviewFilters({ query, status }: { query: string; status: CredentialStatus | typeof NEEDS_ATTENTION | undefined }) {
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(query);
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Without JavaScript the Apply button submits the form; with it, changes apply as they happen.
  const interactive = useSyncExternalStore(noSubscription, () => true, () => false);

  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (nextText: string, nextStatus: string) => {
    const params = new URLSearchParams();
    if (nextText.trim()) params.set("q", nextText.trim());
    if (nextStatus) params.set("status", nextStatus);
    const search = params.toString();
    startTransition(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
  };

  return (
    <form
      className="filters"
      role="search"
      action={pathname}
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        apply(String(data.get("q") ?? ""), String(data.get("status") ?? ""));
      }}
    >
      <div className="field filters__search">
        <label htmlFor="overview-search" className="field__label">
          Search
        </label>
        <input
          id="overview-search"
          name="q"
          type="search"
          className="input"
          placeholder="Component or credential name"
          autoComplete="off"
          value={text}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            const form = event.target.form;
            clearTimeout(timer.current);
            timer.current = setTimeout(() => form?.requestSubmit(), SEARCH_DELAY_MS);
          }}
        />
      </div>
      <div className="field filters__status">
        <label htmlFor="overview-status" className="field__label">
          Status
        </label>
        <select
          id="overview-status"
          name="status"
          className="input"
          defaultValue={status ?? ""}
          onChange={(event) => event.target.form?.requestSubmit()}
        >
          <option value="">Any status</option>
          <option value={NEEDS_ATTENTION}>Needs attention</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      {interactive ? null : (
        <button type="submit" className="button button--secondary">
          Apply
        </button>
      )}
    </form>
  );
}
