/** One entry of the navigation. */
export interface NavItem {
  label: string;
  href: string;
  /** Other path prefixes that belong to this entry's section (e.g. a component's page under Credentials). */
  sectionPrefixes?: readonly string[];
  /** Listed only for admins and owners (the API refuses the page to others). */
  adminOnly?: boolean;
}

/** The main navigation, left to right; Settings follows as a menu of SETTINGS_NAV. */
export const MAIN_NAV: readonly NavItem[] = [
  { label: "Credentials", href: "/", sectionPrefixes: ["/components/", "/credentials/", "/oauth2/"] },
  { label: "Flows", href: "/flows", sectionPrefixes: ["/flows/"] },
];

/** The pages of the Settings menu, top to bottom. Add settings pages here: the header lists them all. */
export const SETTINGS_NAV: readonly NavItem[] = [
  { label: "Members", href: "/settings/members", adminOnly: true },
  { label: "Components", href: "/settings/components", sectionPrefixes: ["/settings/components/"] },
  { label: "API tokens", href: "/settings/api-tokens", adminOnly: true },
  { label: "Webhooks", href: "/settings/webhooks", adminOnly: true },
  { label: "Audit log", href: "/settings/audit-log", adminOnly: true },
];
