"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { environmentRulesQuery } from "../../_lib/queries";
import { EnvironmentRulesEditor } from "./environment-rules-editor";
import { MATCH_LABELS } from "./match-labels";

/** Where a resource lives → its environment. Admins edit; auditors read the same list. */
export function EnvironmentRulesSection({ canEdit }: { canEdit: boolean }) {
  const { data: rules } = useSuspenseQuery(environmentRulesQuery());
  return (
    <section aria-label="Environment patterns">
      <SectionHeader
        title="Resource → environment patterns"
        description="Applied at ingest when an event does not state its environment. The first matching pattern wins, so list narrow patterns (one database) before broad ones (a whole account). * matches any run of characters, ? one character. Changes apply to events ingested from now on."
      />
      {canEdit ? (
        <EnvironmentRulesEditor initial={rules} />
      ) : rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No patterns configured.</p>
      ) : (
        <Table label="Environment patterns">
          <THead>
            <Tr>
              <Th className="text-right">#</Th>
              <Th>Match on</Th>
              <Th>Pattern</Th>
              <Th>Environment</Th>
            </Tr>
          </THead>
          <TBody>
            {rules.map((rule, index) => (
              <Tr key={index}>
                <Td className="text-right tabular-nums text-zinc-500">{index + 1}</Td>
                <Td>{MATCH_LABELS[rule.match]}</Td>
                <Td className="font-mono text-xs">{rule.pattern}</Td>
                <Td>{rule.environment}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
