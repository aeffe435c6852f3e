import Link from "next/link";
import type { ReactNode } from "react";

import { MAIN_NAV, SETTINGS_NAV } from "@/lib/navigation";

import { KeyIcon } from "./icons";
import { NavLink } from "./nav-link";
import { SettingsMenu } from "./settings-menu";

/**
 * `account`: the workspace switcher and sign-out, rendered by the layout; `canAdmin`: whether
 * admins' settings pages are listed; `signedOut`: no one is signed in (sign-in, setup, an
 * invitation), so no page of the app is offered: each would only send the browser back.
 */
export function SiteHeader({ account, canAdmin = false, signedOut = false }: { account?: ReactNode; canAdmin?: boolean; signedOut?: boolean }) {
  const brand = (
    <>
      <span className="brand__mark">
        <KeyIcon />
      </span>
      <span className="brand__name">Latchkey</span>
    </>
  );
  return (
    <header className="site-header">
      <div className="site-header__inner">
        {signedOut ? (
          <span className="brand">{brand}</span>
        ) : (
          <Link href="/" className="brand">
            {brand}
          </Link>
        )}
        {signedOut ? null : (
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
        )}
        {account}
      </div>
    </header>
  );
}
