import type { Metadata } from "next";

import { CredentialsOverview, type OverviewSearchParams } from "@/components/credentials-overview";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Security Credentials" };

export default async function SecurityCredentialsPage({
  searchParams,
}: {
  searchParams: Promise<OverviewSearchParams>;
}) {
  return <CredentialsOverview title="Security Credentials" eyebrow="Settings" searchParams={await searchParams} />;
}
