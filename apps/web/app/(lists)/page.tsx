import { CredentialsOverview, type OverviewSearchParams } from "@/components/credentials-overview";

export const dynamic = "force-dynamic";

export default async function CredentialsPage({ searchParams }: { searchParams: Promise<OverviewSearchParams> }) {
  return <CredentialsOverview title="Credentials" searchParams={await searchParams} />;
}
