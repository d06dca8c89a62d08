import yauzl from "yauzl";
import { unsafeEntryName } from "@/lib/scanner/zip";

/** An evidence package is small next to these; anything larger is not one of ours (or is a zip bomb). */
const LIMITS = { maxEntries: 10_000, maxTotalBytes: 2 * 1024 * 1024 * 1024 };

export class PackageReadError extends Error {}

/** Every entry of a zip held in memory, refusing path escapes, duplicates and archives that inflate past the limit. */
export function readZipEntries(zipBytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zipBytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new PackageReadError(`not a zip archive: ${err?.message ?? "unreadable"}`));
      const entries = new Map<string, Buffer>();
      let total = 0;
      const fail = (message: string) => {
        zip.close();
        reject(new PackageReadError(message));
      };
      zip.on("error", (e: Error) => reject(new PackageReadError(e.message)));
      zip.on("end", () => resolve(entries));
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith("/")) return zip.readEntry();
        if (unsafeEntryName(name)) return fail(`unsafe entry name: ${name}`);
        if (entries.has(name)) return fail(`duplicate entry: ${name}`);
        if (entries.size >= LIMITS.maxEntries) return fail("too many entries");
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(`cannot read ${name}`);
          const parts: Buffer[] = [];
          stream.on("data", (b: Buffer) => {
            total += b.length;
            if (total > LIMITS.maxTotalBytes) stream.destroy(new Error("archive inflates past the size limit"));
            else parts.push(b);
          });
          stream.on("error", (se: Error) => fail(se.message));
          stream.on("end", () => {
            entries.set(name, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
