"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

import type { NavItem } from "@/lib/navigation";

import { ChevronDownIcon } from "./icons";
import { NavLink } from "./nav-link";

/** The Settings entry of the main navigation: a disclosure with the settings pages. */
export function SettingsMenu({ items }: { items: readonly NavItem[] }) {
  const pathname = usePathname();
  const details = useRef<HTMLDetailsElement>(null);

  const close = (returnFocus: boolean) => {
    const element = details.current;
    if (!element?.open) return;
    element.open = false;
    if (returnFocus) element.querySelector("summary")?.focus();
  };

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const element = details.current;
      if (element?.open && event.target instanceof Node && !element.contains(event.target)) element.open = false;
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);

  return (
    <details
      ref={details}
      className="nav-menu"
      onKeyDown={(event) => {
        if (event.key === "Escape") close(true);
      }}
    >
      <summary className="nav-link" aria-current={pathname.startsWith("/settings") ? "true" : undefined}>
        Settings
        <ChevronDownIcon className="nav-menu__chevron" />
      </summary>
      <ul className="nav-menu__list">
        {items.map((item) => (
          <li key={item.href}>
            <NavLink
              href={item.href}
              sectionPrefixes={item.sectionPrefixes}
              className="nav-menu__item"
              onNavigate={() => close(false)}
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </details>
  );
}
