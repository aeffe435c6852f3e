"use client";

import type { ErrorInfo } from "next/error";

// Replaces the root layout when it fails, so it cannot rely on the global stylesheet.
export default function GlobalError({ retry }: ErrorInfo) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "3rem auto", maxWidth: "36rem", padding: "0 1rem" }}>
        <title>Latchkey</title>
        <h1>Latchkey could not show this page</h1>
        <p>Something went wrong while preparing it. The web server&apos;s log has the details.</p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </body>
    </html>
  );
}
