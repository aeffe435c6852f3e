import type { ReactNode } from "react";

interface PageHeaderProps {
  title: string;
  eyebrow?: ReactNode;
  description?: ReactNode;
  meta?: ReactNode;
  /** Shown before the title, e.g. an avatar. */
  leading?: ReactNode;
  /** Buttons for the page's main actions, beside the title. */
  actions?: ReactNode;
}

export function PageHeader({ title, eyebrow, description, meta, leading, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      {leading}
      <div className="page-header__text">
        {eyebrow ? <div className="page-header__eyebrow">{eyebrow}</div> : null}
        <h1 className="page-header__title">{title}</h1>
        {description ? <p className="page-header__description">{description}</p> : null}
        {meta ? <p className="page-header__meta">{meta}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
