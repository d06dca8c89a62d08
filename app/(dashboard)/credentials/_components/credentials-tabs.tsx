import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type CredentialsTab = "inventory" | "import" | "runs" | "mapping";

type CredentialsTabsProps = { current: CredentialsTab; canImport: boolean; canSeeMapping: boolean };

/** Sub-navigation of the credentials area; links a role cannot use are not rendered at all. */
export function CredentialsTabs({ current, canImport, canSeeMapping }: CredentialsTabsProps) {
  const tabs: { id: CredentialsTab; href: string; label: string; show: boolean }[] = [
    { id: "inventory", href: "/credentials", label: "Inventory", show: true },
    { id: "import", href: "/credentials/import", label: "Import", show: canImport },
    { id: "runs", href: "/credentials/imports", label: "Import runs", show: true },
    { id: "mapping", href: "/credentials/mapping", label: "Mapping rules", show: canSeeMapping },
  ];
  return (
    <nav aria-label="Credentials sections" className="mb-6 flex gap-1 border-b border-zinc-200">
      {tabs
        .filter((tab) => tab.show)
        .map((tab) => (
          <Link
            key={tab.id}
            href={tab.href}
            aria-current={tab.id === current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              tab.id === current ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-600 hover:text-zinc-900",
            )}
          >
            {tab.label}
          </Link>
        ))}
    </nav>
  );
}
