/** A page's shape while its data loads: tiles (overview), rows (lists and tables) or a form. */
export function PageSkeleton({ shape }: { shape: "tiles" | "rows" | "form" }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <div className="skeleton skeleton--title" aria-hidden="true" />
      <div className="skeleton skeleton--line" aria-hidden="true" />
      {shape === "tiles" ? (
        <div className="skeleton-grid" aria-hidden="true">
          {Array.from({ length: 6 }, (_, index) => (
            <div key={index} className="skeleton skeleton--tile" />
          ))}
        </div>
      ) : (
        <div className={shape === "form" ? "skeleton-stack skeleton-stack--form" : "skeleton-stack"} aria-hidden="true">
          {Array.from({ length: shape === "form" ? 3 : 4 }, (_, index) => (
            <div key={index} className={`skeleton ${shape === "form" ? "skeleton--field" : "skeleton--row"}`} />
          ))}
        </div>
      )}
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}
