import Link from "next/link";
import type { ReactNode } from "react";

import { MAIN_NAV, SETTINGS_NAV } from "@/lib/navigation";

import { KeyIcon } from "./icons";
import { NavLink } from "./nav-link";
import { SettingsMenu } from "./settings-menu";

/** `account`: the workspace switcher and sign-out, rendered by the layout; `canAdmin`: whether admins' settings pages are listed. */
export function SiteHeader({ account, canAdmin = false }: { account?: ReactNode; canAdmin?: boolean }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark">
            <KeyIcon />
          </span>
          <span className="brand__name">Latchkey</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul className="main-nav__list">
            {MAIN_NAV.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} sectionPrefixes={item.sectionPrefixes}>
                  {item.label}
                </NavLink>
              </li>
            ))}
            <li>
              <SettingsMenu items={SETTINGS_NAV.filter((item) => canAdmin || !item.adminOnly)} />
            </li>
          </ul>
        </nav>
        {account}
      </div>
    </header>
  );
}
