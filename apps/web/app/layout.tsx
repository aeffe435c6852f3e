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

/** What the viewer may do, for the header and every page's client components (nothing when the API cannot say). */
async function loadPermissions() {
  try {
    const result = await loadViewer();
    return result.ok ? permissionsOf(result.data.viewer) : NO_PERMISSIONS;
  } catch {
    return NO_PERMISSIONS;
  }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const permissions = await loadPermissions();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <PermissionsProvider value={permissions}>
          <SiteHeader account={<AccountMenu />} canAdmin={permissions.canAdmin} />
          <main id="main" className="container" tabIndex={-1}>
            {children}
          </main>
        </PermissionsProvider>
      </body>
    </html>
  );
}
