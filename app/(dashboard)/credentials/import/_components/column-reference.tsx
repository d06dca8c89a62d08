import { Code } from "@/components/ui/code";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { LEASH_COLUMNS } from "@/lib/ingest/credentials/leash-columns";

/** Rendered on the server from the same column list the parser and the template use, so it cannot drift. */
export function ColumnReference() {
  return (
    <section aria-labelledby="columns-heading" className="mt-8">
      <h2 id="columns-heading" className="mb-1 text-base font-semibold text-zinc-900">
        Leash CSV / JSON columns
      </h2>
      <p className="mb-3 text-sm text-zinc-600">
        An empty cell means “not stated”. CSV lists are <Code>;</Code>-separated. Download the{" "}
        <a href="/api/v1/credentials/template.csv" className="font-medium text-accent-700 underline" download>
          CSV template
        </a>
        .
      </p>
      <Table label="Leash columns">
        <THead>
          <Tr>
            <Th>Column</Th>
            <Th>Required</Th>
            <Th>Type</Th>
            <Th>Description</Th>
            <Th>Example</Th>
          </Tr>
        </THead>
        <TBody>
          {LEASH_COLUMNS.map((column) => (
            <Tr key={column.name}>
              <Td className="font-mono text-xs">{column.name}</Td>
              <Td>{column.required ? "yes" : ""}</Td>
              <Td className="text-xs whitespace-nowrap">{column.type.replaceAll("_", " ")}</Td>
              <Td className="text-sm">
                {column.description}
                {column.allowed ? <span className="mt-0.5 block text-xs text-zinc-500">{column.allowed.join(", ")}</span> : null}
              </Td>
              <Td className="font-mono text-xs">{column.example}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
