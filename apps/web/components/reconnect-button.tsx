"use client";

import { useState, useTransition } from "react";

import { reconnectOAuth2CredentialAction, type ReconnectOutcome } from "@/actions/credentials";
import { settle, type Unexpected } from "@/lib/settle";

import { usePermissions } from "./permissions";
import { CommonProblemNotice, ProblemNotice } from "./problem-notice";

/**
 * Reconnect an OAuth2 credential: the person signs in at the provider again, and the new tokens
 * replace the old ones once they verify; the credential keeps its id, name and flow steps.
 */
export function ReconnectButton({ id, providerName }: { id: string; providerName: string }) {
  const { canWrite } = usePermissions();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<ReconnectOutcome | Unexpected>();
  if (!canWrite) return null;
  return (
    <div className="reconnect">
      <button
        type="button"
        className="button button--small button--secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await settle(() => reconnectOAuth2CredentialAction(id));
            if (result.__typename === "OAuth2Authorization") {
              window.location.assign(result.authorizationUrl);
              return;
            }
            setOutcome(result);
          })
        }
      >
        {pending ? `Taking you to ${providerName}…` : `Reconnect with ${providerName}`}
      </button>
      {outcome && outcome.__typename !== "OAuth2Authorization" ? (
        outcome.__typename === "InvalidInput" ? (
          <ProblemNotice title={outcome.fieldErrors[0]?.message ?? "This credential cannot be reconnected."} code="InvalidInput" />
        ) : (
          <CommonProblemNotice outcome={outcome} />
        )
      ) : null}
    </div>
  );
}
