"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

import { ChevronDownIcon } from "./icons";
import { NavLink } from "./nav-link";

/** The Settings entry of the main navigation: a disclosure with the settings pages. */
export function SettingsMenu() {
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
        <li>
          <NavLink href="/settings/security-credentials" className="nav-menu__item" onNavigate={() => close(false)}>
            Security Credentials
          </NavLink>
        </li>
        {[
          ["/settings/members", "Members"],
          ["/settings/api-tokens", "API tokens"],
          ["/settings/audit-log", "Audit log"],
        ].map(([href, label]) => (
          <li key={href}>
            <NavLink href={href!} className="nav-menu__item" onNavigate={() => close(false)}>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </details>
  );
}
