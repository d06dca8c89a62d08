import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { SecretLocationDto } from "@/lib/domain/scan";
import { LocationContext } from "./location-context";

/** Every place the secret was seen in the last scan of its corpus (the server keeps up to 100 per secret). */
export function LocationsTable({ locations }: { locations: SecretLocationDto[] }) {
  if (locations.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No locations recorded.</p>;
  }
  return (
    <Table label="Locations">
      <THead>
        <Tr>
          <Th>File : line : column</Th>
          <Th>Where, as the reader understood it</Th>
        </Tr>
      </THead>
      <TBody>
        {locations.map((location, index) => (
          <Tr key={`${location.file}:${location.line}:${location.column}:${index}`} data-testid="location-row">
            <Td className="max-w-md align-top">
              <code className="font-mono text-xs break-all text-zinc-900">
                {location.file}:{location.line}:{location.column}
              </code>
            </Td>
            <Td className="align-top">
              <LocationContext location={location} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
