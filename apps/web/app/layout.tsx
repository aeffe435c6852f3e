import type { Metadata } from "next";
import type { ReactNode } from "react";

import { AccountMenu } from "@/components/access/account-menu";
import { PermissionsProvider } from "@/components/permissions";
import { SiteHeader } from "@/components/site-header";
import { loadViewer } from "@/lib/api";
import { NO_PERMISSIONS, permissionsOf } from "@/lib/permissions";

import "./globals.css";
import "./access.css";

export const metadata: Metadata = {
  title: { default: "Latchkey", template: "%s · Latchkey" },
  description: "Store, verify and hand out the credentials your integration flows use.",
};

/**
 * What the viewer may do, for the header and every page's client components (nothing when the API
 * cannot say), and whether the API said no one is signed in: then every page but sign-in and setup
 * sends the browser back there, so the header offers none of them.
 */
async function loadPermissions() {
  try {
    const result = await loadViewer();
    return result.ok ? { permissions: permissionsOf(result.data.viewer), signedOut: !result.data.viewer } : { permissions: NO_PERMISSIONS, signedOut: false };
  } catch {
    return { permissions: NO_PERMISSIONS, signedOut: false };
  }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { permissions, signedOut } = await loadPermissions();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <PermissionsProvider value={permissions}>
          <SiteHeader account={<AccountMenu />} canAdmin={permissions.canAdmin} signedOut={signedOut} />
          <main id="main" className="container" tabIndex={-1}>
            {children}
          </main>
        </PermissionsProvider>
      </body>
    </html>
  );
}
