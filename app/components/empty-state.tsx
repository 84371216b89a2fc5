import type { ReactNode } from "react";

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="card empty-state" aria-label={title}>
      <h2>{title}</h2>
      {children}
      {action ? <div className="form-actions form-actions--center">{action}</div> : null}
    </section>
  );
}
