import { PageTitle } from "@/components/page-title";
import { RoleBadge } from "@/components/role-badge";
import { Card } from "@/components/ui/card";
import { SectionHeader } from "@/components/ui/page-header";
import { getMe } from "@/lib/server/users";
import { requireViewer } from "@/lib/server/session";

/** Read-only: nothing here changes, so it renders on the server without a client cache. */
export default async function ProfilePage() {
  const viewer = await requireViewer();
  const me = await getMe(viewer);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <PageTitle name="Profile" />
      <Card>
        <SectionHeader title="Your profile" description="Ask an administrator to change your name, role or teams." />
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-zinc-500">Name</dt>
          <dd className="font-medium text-zinc-900">{me.name}</dd>
          <dt className="text-zinc-500">Email</dt>
          <dd className="text-zinc-900">{me.email}</dd>
          <dt className="text-zinc-500">Role</dt>
          <dd>
            <RoleBadge role={me.role} />
          </dd>
        </dl>
      </Card>
      <Card>
        <SectionHeader
          title="Your teams"
          description={me.role === "engineer" ? "You see the credentials and findings of these teams only." : "Teams you are a member of."}
        />
        {me.teams.length === 0 ? (
          <p className="text-sm text-zinc-600">You are not a member of any team.</p>
        ) : (
          <ul aria-label="Your teams" className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
            {me.teams.map((team) => (
              <li key={team.id} className="px-3 py-2 text-sm font-medium text-zinc-800">
                {team.name}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
