"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

interface NavLinkProps {
  href: string;
  /** Other path prefixes that belong to this section (e.g. a component's page under Credentials). */
  sectionPrefixes?: readonly string[];
  className?: string;
  onNavigate?: () => void;
  children: ReactNode;
}

/** A navigation link that marks itself current for its page and its section. */
export function NavLink({ href, sectionPrefixes = [], className = "nav-link", onNavigate, children }: NavLinkProps) {
  const pathname = usePathname();
  const isPage = pathname === href;
  const inSection = isPage || sectionPrefixes.some((prefix) => pathname.startsWith(prefix));
  return (
    <Link
      href={href}
      className={className}
      aria-current={isPage ? "page" : inSection ? "true" : undefined}
      onClick={onNavigate}
    >
      {children}
    </Link>
  );
}
