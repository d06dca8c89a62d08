import yazl from "yazl";

export type PackageEntry = { path: string; bytes: Buffer };

/**
 * The package as one zip with entries in the given order and one fixed timestamp, so the same contents always
 * give the same bytes (and the same package hash).
 */
export function zipPackage(entries: readonly PackageEntry[], mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(entry.bytes, entry.path, { mtime, mode: 0o100644, compress: !entry.path.endsWith(".pdf") });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
