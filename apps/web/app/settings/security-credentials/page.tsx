import type { Metadata } from "next";

import { CredentialsOverview } from "@/components/credentials-overview";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Security Credentials" };

export default function SecurityCredentialsPage() {
  return <CredentialsOverview title="Security Credentials" eyebrow="Settings" />;
}
