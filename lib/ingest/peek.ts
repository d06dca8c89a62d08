/** Reads at least `bytes` bytes (or all input) and returns them with a stream that replays everything. */
export async function peekBytes(
  input: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ head: Uint8Array; stream: AsyncGenerator<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = new Uint8Array(Math.min(size, bytes));
  let offset = 0;
  for (const c of chunks) {
    if (offset >= head.length) break;
    const piece = c.subarray(0, head.length - offset);
    head.set(piece, offset);
    offset += piece.length;
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* chunks;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, stream: replay() };
}

/** Decodes a byte stream as UTF-8 text chunks, keeping multi-byte characters split across chunks intact. */
export async function* decodeUtf8(input: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of input) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
