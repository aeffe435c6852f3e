"use client";

import { createContext, useContext, type ReactNode } from "react";

import { NO_PERMISSIONS, readOnlyReason, type Permissions } from "@/lib/permissions";

const PermissionsContext = createContext<Permissions>(NO_PERMISSIONS);

/** Set once by the layout from the viewer; client components ask it what to offer. */
export function PermissionsProvider({ value, children }: { value: Permissions; children: ReactNode }) {
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
}

export function usePermissions(): Permissions {
  return useContext(PermissionsContext);
}

/** A short note in place of actions the person may not take. */
export function ReadOnlyNote({ what }: { what?: string | undefined }) {
  const permissions = usePermissions();
  return (
    <p className="read-only-note" data-testid="read-only-note">
      {readOnlyReason(permissions, what)}
    </p>
  );
}

/** Its children for people who may change things; for others, the note that says why not. */
export function RequireWrite({ what, children }: { what?: string; children: ReactNode }) {
  const { canWrite } = usePermissions();
  return canWrite ? children : <ReadOnlyNote what={what} />;
}
