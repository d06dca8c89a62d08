"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { CopyButton } from "@/components/copy-button";
import { LoadMore } from "@/components/load-more";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { downloadHref, formatBytes, formatScope } from "../_lib/format";
import { evidencePackagesQuery } from "../_lib/queries";

type PackagesTableProps = {
  /** Framework id → display name, from the server (the framework files stay out of the browser bundle). */
  frameworkLabels: Record<string, string>;
  canBuild: boolean;
};

/** The stored packages, newest first, a page at a time. Downloads are plain links: the browser saves the exact stored bytes. */
export function PackagesTable({ frameworkLabels, canBuild }: PackagesTableProps) {
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(evidencePackagesQuery());
  const packages = data.pages.flatMap((page) => page.packages);
  if (packages.length === 0) {
    return (
      <EmptyState
        title="No evidence packages built yet"
        description="Each package is signed with Ed25519 and lists every file's SHA-256, so an auditor can verify it offline with stock tools."
        steps={
          canBuild
            ? ["Choose a framework and an instant or an audit period above.", "Build the package; it is signed and stored.", "Download it and verify it as shown below."]
            : ["Ask an admin or auditor to build a package.", "Download it here and verify it as shown below."]
        }
      />
    );
  }
  return (
    <div>
      <Table label="Evidence packages">
        <THead>
          <Tr>
            <Th>Framework</Th>
            <Th>Scope</Th>
            <Th>Built by</Th>
            <Th>Built at (UTC)</Th>
            <Th className="text-right">Size</Th>
            <Th>Key id</Th>
            <Th>SHA-256</Th>
            <Th>
              <span className="sr-only">Download</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {packages.map((pkg) => {
            const framework = frameworkLabels[pkg.framework] ?? pkg.framework;
            return (
              <Tr key={pkg.id} data-testid="evidence-package-row">
                <Td className="font-medium whitespace-nowrap">{framework}</Td>
                <Td className="whitespace-nowrap" data-testid="package-scope">
                  {formatScope(pkg.scope)}
                </Td>
                <Td className="text-xs">{pkg.createdBy}</Td>
                <Td className="text-xs whitespace-nowrap">{formatDateTime(pkg.createdAt)}</Td>
                <Td className="text-right text-xs whitespace-nowrap tabular-nums">
                  {formatBytes(pkg.bytes)}
                  <span className="block text-zinc-600">{pkg.files} files</span>
                </Td>
                <Td>
                  <Code>{pkg.keyId}</Code>
                </Td>
                <Td className="min-w-72">
                  <div className="flex items-center gap-2">
                    <span className="font-mono text-xs break-all" data-testid="package-sha256">
                      {pkg.sha256}
                    </span>
                    <CopyButton text={pkg.sha256} label="Copy SHA-256" />
                  </div>
                </Td>
                <Td>
                  <a href={downloadHref(pkg.id)} download className="font-medium whitespace-nowrap text-accent-700 hover:underline">
                    Download<span className="sr-only"> the {framework} package built {formatDateTime(pkg.createdAt)}</span>
                  </a>
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <LoadMore shown={packages.length} noun={["package", "packages"]} hasMore={hasNextPage} loading={isFetchingNextPage} onMore={() => fetchNextPage()} />
    </div>
  );
}
