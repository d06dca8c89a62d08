import { readZipEntries } from "@/lib/evidence/package/read-zip";
import { readCsvRows } from "@/lib/ingest/credentials/csv-rows";
import { readLines } from "@/lib/ingest/credentials/text-decode";
import { downloadEvidencePackage } from "../evidence";
import type { Viewer } from "../viewer";

/** Reading built evidence packages back in tests, as an auditor's tools would. */

export async function collect(content: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A package's stored bytes, as a download streams them. */
export const downloaded = async (viewer: Viewer, id: string) => collect((await downloadEvidencePackage(viewer, id)).content);

/** A package's files by path. */
export const packageEntries = async (viewer: Viewer, id: string) => readZipEntries(await downloaded(viewer, id));

/** A package CSV's rows as objects keyed by its header. */
export async function csvTable(bytes: Buffer): Promise<Record<string, string>[]> {
  const rows: string[][] = [];
  for await (const row of readCsvRows(readLines((async function* () { yield bytes; })(), 1 << 20), 1 << 20)) if ("cells" in row) rows.push(row.cells);
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));
}
