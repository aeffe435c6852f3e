"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";

import { CREDENTIAL_SORTS, type CredentialSort } from "@/lib/format";


/** The order of a credential list, kept in the URL (`?sort=`): a GET form that applies on change. */
export function SortSelect({ value }: { value: CredentialSort }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <form className="sort-form" action={pathname} aria-busy={pending}>
      <label htmlFor="credential-sort" className="field__label">
        Sort by
      </label>
      <select
        id="credential-sort"
        name="sort"
        className="input"
        defaultValue={value}
        onChange={(event) => {
          const sort = event.target.value;
          startTransition(() => router.replace(sort === "name" ? pathname : `${pathname}?sort=${sort}`, { scroll: false }));
        }}
      >
        {Object.entries(CREDENTIAL_SORTS).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="button button--secondary button--small">
          Sort
        </button>
      </noscript>
    </form>
  );
}
