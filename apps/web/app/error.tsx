"use client";

import type { ErrorInfo } from "next/error";
import Link from "next/link";
import { useEffect } from "react";

// Pages turn API failures into a banner themselves; this catches everything else.
export default function PageError({ error, retry }: ErrorInfo) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;

  return (
    <div className="banner banner--error" role="alert">
      <div>
        <p className="banner__title">This page could not be shown.</p>
        <p>
          Something went wrong while preparing it. Try again; if it keeps failing, the web server&apos;s log
          has the details{digest ? <> (reference <code>{digest}</code>)</> : null}.
        </p>
        <p className="banner__actions">
          <button type="button" className="button" onClick={() => retry()}>
            Try again
          </button>
          <Link href="/" className="button button--secondary">
            Go to Credentials
          </Link>
        </p>
      </div>
    </div>
  );
}
