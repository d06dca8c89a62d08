/**
 * Large package files as Buffers built from pieces: a population or an OSCAL document can exceed the longest string
 * V8 allows (about 512 MB), so nothing is ever joined or stringified whole.
 */

const CHUNK_CHARS = 1 << 20;

class ChunkWriter {
  private readonly parts: Buffer[] = [];
  private pending = "";

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending) this.parts.push(Buffer.from(this.pending));
    this.pending = "";
  }

  buffer(): Buffer {
    this.flush();
    return Buffer.concat(this.parts);
  }
}

export function joinToBuffer(pieces: Iterable<string>): Buffer {
  const out = new ChunkWriter();
  for (const piece of pieces) out.write(piece);
  return out.buffer();
}

/** JSON.stringify (compact) of plain data, written piece by piece. */
export function jsonToBuffer(value: unknown): Buffer {
  const out = new ChunkWriter();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      out.write("[");
      v.forEach((item, i) => {
        if (i) out.write(",");
        walk(item);
      });
      out.write("]");
    } else if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON !== "function") {
      out.write("{");
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        if (item === undefined || typeof item === "function") continue;
        if (!first) out.write(",");
        first = false;
        out.write(`${JSON.stringify(key)}:`);
        walk(item);
      }
      out.write("}");
    } else {
      // Same as JSON.stringify: undefined inside an array becomes null.
      out.write(JSON.stringify(v) ?? "null");
    }
  };
  walk(value);
  out.write("\n");
  return out.buffer();
}
