import { describeAuditScope, type AuditScope } from "@/lib/domain/audit-scope";

/**
 * On every page of a scoped auditor: what they see is one framework and one audit window, set by an admin, so no
 * number is mistaken for the whole workspace's.
 */
export function AuditScopeBanner({ scope }: { scope: AuditScope }) {
  return (
    <aside aria-label="Audit scope" data-testid="audit-scope-banner" className="mb-6 rounded-md border border-accent-100 bg-accent-50 px-3 py-2 text-sm text-zinc-800">
      <strong className="font-semibold text-zinc-900">Your audit scope: {describeAuditScope(scope)}.</strong> Posture, controls, trends, activity
      and evidence show only this framework and these days; an admin set this scope.
    </aside>
  );
}
