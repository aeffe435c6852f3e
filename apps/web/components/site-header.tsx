import Link from "next/link";
import type { ReactNode } from "react";

import { KeyIcon } from "./icons";
import { NavLink } from "./nav-link";
import { SettingsMenu } from "./settings-menu";

/** `account`: the workspace switcher and sign-out, rendered by the layout. */
export function SiteHeader({ account }: { account?: ReactNode }) {
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
            <li>
              <NavLink href="/" sectionPrefixes={["/components/"]}>
                Credentials
              </NavLink>
            </li>
            <li>
              <NavLink href="/flows" sectionPrefixes={["/flows/"]}>
                Flows
              </NavLink>
            </li>
            <li>
              <SettingsMenu />
            </li>
          </ul>
        </nav>
        {account}
      </div>
    </header>
  );
}
