import type { CSSProperties } from "react";

import { hueOf, initialsOf } from "@/lib/format";

interface ComponentAvatarProps {
  componentKey: string;
  name: string;
  size?: "md" | "lg";
}

/** The component's initials on a colour derived from its key (components have no icons yet). */
export function ComponentAvatar({ componentKey, name, size = "md" }: ComponentAvatarProps) {
  const style = { "--avatar-hue": hueOf(componentKey) } as CSSProperties;
  return (
    <span className={`avatar avatar--${size}`} style={style} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
