import { CredentialsOverview } from "@/components/credentials-overview";

export const dynamic = "force-dynamic";

export default function CredentialsPage() {
  return <CredentialsOverview title="Credentials" />;
}
