export default function Loading() {
  return (
    <div className="loading" role="status" aria-live="polite">
      <div className="skeleton skeleton--title" aria-hidden="true" />
      <div className="skeleton skeleton--line" aria-hidden="true" />
      <div className="skeleton-grid" aria-hidden="true">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="skeleton skeleton--tile" />
        ))}
      </div>
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}
