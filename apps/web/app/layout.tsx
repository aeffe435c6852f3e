import type { Metadata } from "next";
import type { ReactNode } from "react";

import { AccountMenu } from "@/components/access/account-menu";
import { SiteHeader } from "@/components/site-header";

import "./globals.css";
import "./access.css";

export const metadata: Metadata = {
  title: { default: "Latchkey", template: "%s · Latchkey" },
  description: "Store, verify and hand out the credentials your integration flows use.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader account={<AccountMenu />} />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
