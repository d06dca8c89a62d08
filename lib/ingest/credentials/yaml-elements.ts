import { isMap, isSeq, LineCounter, parseAllDocuments } from "yaml";
import type { JsonElement, JsonElementOptions } from "./json-elements";
import { readWholeText } from "./input-sniff";

/**
 * The objects of a YAML upload (`kubectl get … -o yaml`, or several `---` documents), in the same shape as
 * readJsonObjects: a `listKey` sequence in a document is read element by element, any other mapping is one
 * element. YAML cannot be split as a stream, so the text is read whole, up to `maxChars`.
 *
 * The reviver runs while the tree becomes plain values, so a dropped field never reaches importer code; parse
 * errors give the YAML library's code only, since its messages quote the input.
 */

export type YamlElementOptions = Omit<JsonElementOptions, "maxElementChars"> & { maxChars: number; tooLarge: string };

export async function* readYamlObjects(
  src: AsyncIterable<Uint8Array>,
  opts: YamlElementOptions,
): AsyncGenerator<JsonElement> {
  const whole = await readWholeText(src, opts.maxChars, opts.tooLarge);
  if (!whole.ok) {
    yield { line: whole.line, error: { line: whole.line, reason: whole.reason } };
    return;
  }
  const lines = new LineCounter();
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  const { reviver } = opts;
  // YAML keys need not be strings (and sequence indices arrive as numbers); JSON.parse's revivers see strings.
  const yamlReviver = reviver && function (this: unknown, key: unknown, value: unknown) {
    return reviver.call(this, String(key), value);
  };
  const toJs = { maxAliasCount: 100, ...(yamlReviver ? { reviver: yamlReviver } : {}) };
  for (const doc of parseAllDocuments(whole.text, { lineCounter: lines })) {
    const problem = doc.errors[0];
    if (problem) {
      const line = lineAt(problem.pos[0]);
      yield { line, error: { line, reason: `not valid YAML (${problem.code})` } };
      continue;
    }
    const root = doc.contents;
    if (root === null) continue; // an empty document between `---` separators
    const list = opts.listKey !== undefined && isMap(root) ? root.get(opts.listKey, true) : undefined;
    const nodes = isSeq(list) ? list.items : [root];
    for (const node of nodes) {
      const line = lineAt((node as { range?: [number, number, number] }).range?.[0]);
      const value: unknown = isMap(node) ? node.toJS(doc, toJs) : undefined;
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        yield { line, error: { line, reason: "expected a mapping (an object)" } };
      } else yield { line, value: value as Record<string, unknown> };
    }
  }
}
