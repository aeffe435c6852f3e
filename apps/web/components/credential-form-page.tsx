"use client";

import type { ComponentFieldsFragment } from "@latchkey/sdk";
import Link from "next/link";
import { useRouter } from "next/navigation";

import { CredentialForm, type EditableCredential } from "./credential-form";
import { ReadOnlyNote, usePermissions } from "./permissions";

interface CredentialFormPageProps {
  component: ComponentFieldsFragment;
  credential?: EditableCredential;
  /** Where Cancel goes. */
  cancelHref: string;
}

/** The Add and Edit pages' form: once saved, it shows the credential where it is listed. */
export function CredentialFormPage({ component, credential, cancelHref }: CredentialFormPageProps) {
  const router = useRouter();
  const { canWrite } = usePermissions();
  if (!canWrite) return <ReadOnlyNote what="add or change credentials" />;
  return (
    <CredentialForm
      component={component}
      {...(credential ? { credential } : {})}
      onSaved={(saved) =>
        router.push(
          credential
            ? `/credentials/${saved.id}?saved=1`
            : `/components/${encodeURIComponent(component.key)}?saved=${saved.id}`,
        )
      }
      cancel={
        <Link className="button button--ghost" href={cancelHref}>
          Cancel
        </Link>
      }
    />
  );
}
