import type { ReactNode } from 'react';

/** A message box: errors are announced at once (`role="alert"`), others politely (`role="status"`). */
export function Notice({ kind, children }: { kind: 'error' | 'ok' | 'info' | 'warn'; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A loading line, announced politely. */
export function Loading({ label }: { label: string }) {
  return <p className="loading" role="status">{label}</p>;
}
