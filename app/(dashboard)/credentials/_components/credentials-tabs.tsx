import { SectionTabs } from "@/components/ui/section-tabs";

export type CredentialsTab = "inventory" | "import" | "runs" | "mapping";

type CredentialsTabsProps = { current: CredentialsTab; canImport: boolean; canSeeMapping: boolean };

/** Sub-navigation of the credentials area; links a role cannot use are not rendered at all. */
export function CredentialsTabs({ current, canImport, canSeeMapping }: CredentialsTabsProps) {
  return (
    <SectionTabs
      label="Credentials sections"
      current={current}
      tabs={[
        { id: "inventory", href: "/credentials", label: "Inventory" },
        { id: "import", href: "/credentials/import", label: "Import", show: canImport },
        { id: "runs", href: "/credentials/imports", label: "Import runs" },
        { id: "mapping", href: "/credentials/mapping", label: "Mapping rules", show: canSeeMapping },
      ]}
    />
  );
}
