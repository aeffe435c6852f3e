"use client";

import { useState } from "react";

import { CredentialActionBar, RenameForm } from "./credential-actions";

/** A credential page's title with its actions; Rename turns the title into a text box. */
export function CredentialTitle({
  id,
  name,
  componentHref,
  usedBySteps,
}: {
  id: string;
  name: string;
  componentHref: string;
  usedBySteps?: number;
}) {
  const [renaming, setRenaming] = useState(false);
  return (
    <div className="credential-title">
      {renaming ? (
        <RenameForm id={id} name={name} onDone={() => setRenaming(false)} />
      ) : (
        <h1 className="page-header__title">{name}</h1>
      )}
      <CredentialActionBar
        id={id}
        name={name}
        onRename={() => setRenaming(true)}
        afterDeleteHref={componentHref}
        {...(usedBySteps === undefined ? {} : { usedBySteps })}
      />
    </div>
  );
}
