import { RowLocationText } from "@/components/row-location";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { RowError, RowLocation } from "@/lib/ingest/row-error";
import { AgentAccessBadge, EnvironmentBadges, NotStated } from "../../_components/cells";

export type PreviewItem = RowLocation & ({ record: Record<string, unknown> } | { error: RowError });
export type ImportPreview = { items: PreviewItem[]; truncated: boolean };

type Rec = Record<string, unknown> & { provenance?: Record<string, string>; mapped_by?: Record<string, string> };

/** A value as it would be stored, marked when a mapping rule (not the file) supplied it. */
function Value({ record, field }: { record: Rec; field: string }) {
  if (!(field in record)) return <NotStated />;
  const value = record[field];
  let shown: React.ReactNode;
  if (field === "environments") shown = <EnvironmentBadges environments={value as string[]} />;
  else if (field === "agent_accessible") shown = <AgentAccessBadge value={value as boolean} />;
  else if (field === "expires_at") shown = value === null ? <Badge tone="danger">never</Badge> : String(value).slice(0, 16).replace("T", " ");
  else shown = String(value);
  const rule = record.provenance?.[field] === "mapping_rule" ? record.mapped_by?.[field] : undefined;
  return (
    <span className="flex flex-col items-start gap-0.5">
      {shown}
      {rule ? <span className="text-xs text-accent-700">via rule {rule}</span> : null}
    </span>
  );
}

const FIELDS: [string, string][] = [
  ["external_id", "External id"],
  ["name", "Name"],
  ["provider", "Provider"],
  ["kind", "Kind"],
  ["principal_type", "Principal type"],
  ["team", "Team"],
  ["environments", "Environments"],
  ["agent_accessible", "Agent"],
  ["expires_at", "Expires (UTC)"],
  ["storage", "Storage"],
];

export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const errors = preview.items.filter((item) => "error" in item).length;
  return (
    <section aria-labelledby="preview-heading" className="space-y-2">
      <h2 id="preview-heading" className="text-base font-semibold text-zinc-900">
        Preview
      </h2>
      <p className="text-sm text-zinc-600">
        The first {preview.items.length} rows as they would be stored, after mapping rules{preview.truncated ? " (more rows follow in the file)" : ""}.
        {errors > 0 ? <span className="font-medium text-red-700"> {errors} of them would be rejected.</span> : null}
      </p>
      <Table label="Import preview">
        <THead>
          <Tr>
            <Th>Line</Th>
            {FIELDS.map(([, label]) => (
              <Th key={label}>{label}</Th>
            ))}
          </Tr>
        </THead>
        <TBody>
          {/* A line can hold several rows (a minified JSON file, a report row with two keys): keyed by position. */}
          {preview.items.map((item, index) =>
            "error" in item ? (
              <Tr key={index} className="bg-red-50/60" data-testid="preview-error">
                <Td className="font-mono">
                  <RowLocationText at={item} />
                </Td>
                <Td colSpan={FIELDS.length} className="text-red-800">
                  Rejected{item.error.field ? <> — field <strong className="font-mono">{item.error.field}</strong></> : null}: {item.error.reason}
                </Td>
              </Tr>
            ) : (
              <Tr key={index} data-testid="preview-row">
                <Td className="font-mono">
                  <RowLocationText at={item} />
                </Td>
                {FIELDS.map(([field]) => (
                  <Td key={field}>
                    <Value record={item.record as Rec} field={field} />
                  </Td>
                ))}
              </Tr>
            ),
          )}
        </TBody>
      </Table>
    </section>
  );
}
