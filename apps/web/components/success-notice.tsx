import type { ReactNode } from "react";

import { CheckCircleIcon } from "./icons";

/** A calm confirmation after a change, announced to screen readers. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      <CheckCircleIcon className="notice__icon" />
      <div className="notice__body">{children}</div>
    </div>
  );
}
