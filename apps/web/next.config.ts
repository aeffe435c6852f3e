import type { NextConfig } from "next";

/**
 * The Content-Security-Policy of every page. Static (no nonces): a nonce needs a proxy on every
 * request and makes every page dynamic, so scripts and styles are limited to this origin plus the
 * inline ones Next.js writes ('unsafe-inline'); never 'unsafe-eval' outside `next dev` (React's
 * development build needs it). Nothing may frame the app, and forms post only to it.
 */
function contentSecurityPolicy(development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** On every response of the web app (pages, error pages, static assets): see README "Security headers". */
const securityHeaders = [
  // NODE_ENV is set by Next.js itself (`next dev`: development), not configuration.
  // eslint-disable-next-line no-restricted-properties
  { key: "Content-Security-Policy", value: contentSecurityPolicy(process.env.NODE_ENV === "development") },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
];

// The environment is validated by instrumentation.ts when the server starts (see env.ts).
const nextConfig: NextConfig = {
  transpilePackages: ["@latchkey/sdk"],
  poweredByHeader: false,
  reactStrictMode: true,
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
  // Browsers still ask for /favicon.ico on pages they have not parsed (a PDF, a raw error): the app's icon.
  rewrites: async () => [{ source: "/favicon.ico", destination: "/icon.svg" }],
};

export default nextConfig;
