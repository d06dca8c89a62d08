import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { MappingRule } from "@/lib/domain/credential-mapping";

function pairs(object: Record<string, unknown>): string[] {
  return Object.entries(object)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} = ${Array.isArray(value) ? value.join(" | ") : value === null ? "null" : String(value)}`);
}

/** Read view of the rules in the order they run: the first rule to set a field wins. */
export function RulesTable({ rules }: { rules: MappingRule[] }) {
  if (rules.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-6 text-sm text-zinc-600">No mapping rules: imports keep exactly what the files state.</p>;
  }
  return (
    <Table label="Mapping rules">
      <THead>
        <Tr>
          <Th>#</Th>
          <Th>Rule</Th>
          <Th>When (all hold; globs, case-insensitive)</Th>
          <Th>Sets (only fields the file left unstated)</Th>
        </Tr>
      </THead>
      <TBody>
        {rules.map((rule, index) => (
          <Tr key={rule.id} data-testid="mapping-rule">
            <Td className="tabular-nums text-zinc-500">{index + 1}</Td>
            <Td>
              <p className="font-mono text-xs font-semibold">{rule.id}</p>
              {rule.description ? <p className="text-xs text-zinc-600">{rule.description}</p> : null}
            </Td>
            <Td className="font-mono text-xs">
              {pairs(rule.when).map((line) => (
                <p key={line}>{line}</p>
              ))}
            </Td>
            <Td className="font-mono text-xs">
              {pairs(rule.set as Record<string, unknown>).map((line) => (
                <p key={line}>{line}</p>
              ))}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
