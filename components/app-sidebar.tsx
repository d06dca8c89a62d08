import type { Role } from "@/lib/domain/identity";
import { roleLabels } from "@/lib/client/format";
import { LeashLogo } from "./leash-logo";
import { SidebarNav } from "./sidebar-nav";

type AppSidebarProps = {
  user: { name: string; email: string; role: Role };
  /** Passed in rather than imported so components/ never depends on app/. */
  signOutAction: () => Promise<void>;
};

export function AppSidebar({ user, signOutAction }: AppSidebarProps) {
  return (
    <aside className="flex w-full shrink-0 flex-col lg:w-60 border-r border-zinc-800 bg-zinc-950 lg:sticky lg:top-0 lg:h-screen">
      <div className="flex h-14 items-center px-5">
        <LeashLogo tone="light" />
      </div>
      <SidebarNav />
      <div className="flex items-center justify-between gap-3 border-t border-zinc-800 p-3 lg:block">
        <div className="min-w-0 px-2 py-1.5" data-testid="signed-in-user">
          <p className="truncate text-sm font-medium text-zinc-100" title={user.name}>
            {user.name}
          </p>
          <p className="truncate text-xs text-zinc-400" title={user.email}>
            {user.email}
          </p>
          <p className="mt-1.5">
            <span className="inline-flex rounded bg-zinc-800 px-1.5 py-0.5 text-xs font-medium text-zinc-200" data-testid="signed-in-role">
              {roleLabels[user.role]}
            </span>
          </p>
        </div>
        <form action={signOutAction} className="shrink-0 lg:mt-2">
          <button
            type="submit"
            className="rounded-md px-2.5 py-1.5 text-left text-sm font-medium text-zinc-300 hover:bg-zinc-900 hover:text-white lg:w-full"
          >
            Sign out
          </button>
        </form>
      </div>
    </aside>
  );
}
