"use client";

import Link from "next/link";
import { useId, useState } from "react";

import { formatCount } from "@/lib/format";

import { ComponentAvatar } from "./component-avatar";
import { ChevronRightIcon } from "./icons";

interface PickableComponent {
  key: string;
  name: string;
  description?: string | null;
}

/** A searchable list of components; choosing one continues with its form. */
export function ComponentPicker({ components }: { components: PickableComponent[] }) {
  const [query, setQuery] = useState("");
  const searchId = useId();
  const needle = query.trim().toLowerCase();
  const shown = components.filter((component) =>
    [component.name, component.key, component.description ?? ""].some((text) => text.toLowerCase().includes(needle)),
  );
  return (
    <div className="picker">
      <div className="field">
        <label htmlFor={searchId} className="field__label">
          Search components
        </label>
        <input
          id={searchId}
          className="input"
          type="search"
          value={query}
          placeholder="Name or key, e.g. Stripe"
          autoComplete="off"
          aria-controls={`${searchId}-list`}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p className="visually-hidden" role="status">
        {formatCount(shown.length, "component")}
      </p>
      {shown.length === 0 ? (
        <p className="muted picker__empty">No component matches “{query}”.</p>
      ) : (
        <ul id={`${searchId}-list`} className="picker__list" aria-label="Components to choose from">
          {shown.map((component) => (
            <li key={component.key}>
              <Link className="picker__option" href={`/credentials/new?component=${encodeURIComponent(component.key)}`}>
                <ComponentAvatar componentKey={component.key} name={component.name} />
                <span className="tile__body">
                  <span className="tile__name">{component.name}</span>
                  {component.description ? <span className="tile__description">{component.description}</span> : null}
                </span>
                <ChevronRightIcon className="tile__chevron" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
