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

/** Values (of any kind, at any depth) below which a part is stringified whole rather than walked. */
const WHOLE_BELOW = 4096;

const isWalkable = (v: unknown): v is object => v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON !== "function";

/** Whether `value` holds fewer than `budget` values in all: counted only as far as needed, so cheap on huge ones. */
function smallerThan(value: unknown, budget: number): boolean {
  let left = budget;
  const visit = (v: unknown): boolean => {
    if (--left < 0) return false;
    if (!isWalkable(v)) return true;
    for (const item of Array.isArray(v) ? v : Object.values(v)) if (!visit(item)) return false;
    return true;
  };
  return visit(value);
}

/**
 * JSON.stringify (compact) of plain data, walked only where it is large: each small part (an OSCAL finding, a row)
 * is stringified whole, which is many times faster than writing it value by value.
 */
export function jsonToBuffer(value: unknown): Buffer {
  const out = new ChunkWriter();
  const walk = (v: unknown): void => {
    if (smallerThan(v, WHOLE_BELOW)) {
      // Same as JSON.stringify: undefined becomes null where a value must stand.
      out.write(JSON.stringify(v) ?? "null");
    } else if (Array.isArray(v)) {
      out.write("[");
      v.forEach((item, i) => {
        if (i) out.write(",");
        walk(item);
      });
      out.write("]");
    } else {
      // Large and not an array: a walkable object (anything else is one value, small by definition).
      out.write("{");
      let first = true;
      for (const [key, item] of Object.entries(v as object)) {
        if (item === undefined || typeof item === "function") continue;
        if (!first) out.write(",");
        first = false;
        out.write(`${JSON.stringify(key)}:`);
        walk(item);
      }
      out.write("}");
    }
  };
  walk(value);
  out.write("\n");
  return out.buffer();
}
