import type { ReactNode } from "react";
import { AppSidebar } from "@/components/app-sidebar";
import { AuditScopeBanner } from "@/components/audit-scope-banner";
import { requireViewer } from "@/lib/server/session";
import { signOutAction } from "./actions";

/** Every dashboard route renders inside this shell; requireViewer() sends signed-out visitors to /signin. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return (
    <div className="flex min-h-screen flex-col lg:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm">
        Skip to content
      </a>
      <AppSidebar user={{ name: viewer.name, email: viewer.email, role: viewer.role }} signOutAction={signOutAction} />
      <main id="main" className="min-w-0 flex-1 px-6 py-8 lg:px-10">
        <div className="mx-auto max-w-6xl">
          {viewer.auditScope ? <AuditScopeBanner scope={viewer.auditScope} /> : null}
          {children}
        </div>
      </main>
    </div>
  );
}
