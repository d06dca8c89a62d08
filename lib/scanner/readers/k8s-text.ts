import { locate } from "../source-map";
import type { Segment } from "../types";
import { decodeWrapped } from "./encoded";

/**
 * `kubectl get secret … -o yaml` pasted into text: an agent transcript's tool output, a chat history, a CI log. The
 * YAML reader decodes a Secret's base64 `data` only when the whole file is the manifest; quoted among other text the
 * values stay encoded, and base64 of a password, a PEM key or a `.dockerconfigjson` looks like nothing. Each
 * `data:` entry is decoded in place, on its own line. An optional `> ` is a chat history's quote of tool output.
 */
const DATA_BLOCK = /^(?:> ?)?([ \t]*)(?:- )?data:[ \t]*$/;
const DATA_ENTRY = /^(?:> ?)?([ \t]+)([\w.-]{1,253}):[ \t]+([A-Za-z0-9+/]{6,}={0,2})[ \t]*$/;
const SECRET_KIND = /\bkind:[ \t]*Secret\b/;

/** Reads a decoded value further: a `.dockerconfigjson` is JSON whose `auth` is base64 again. */
export type ExpandDecoded = (text: string, at: Segment) => Segment[] | undefined;

export function kubernetesDataInText(at: Segment, expand?: ExpandDecoded): Segment[] {
  const { text } = at;
  if (!text.includes("data:") || !SECRET_KIND.test(text)) return [];
  const out: Segment[] = [];
  let blockIndent = -1;
  let offset = 0;
  text.split("\n").forEach((raw) => {
    const lineText = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const start = offset;
    offset += raw.length + 1;
    const block = DATA_BLOCK.exec(lineText);
    if (block) {
      blockIndent = (block[1] ?? "").length;
      return;
    }
    const entry = blockIndent >= 0 ? DATA_ENTRY.exec(lineText) : null;
    if (!entry || (entry[1] ?? "").length <= blockIndent) {
      if (lineText.trim()) blockIndent = -1;
      return;
    }
    const [, , key = "", value = ""] = entry;
    const decoded = decodeWrapped(key, `data.${key}`, value);
    if (!decoded) return;
    // Base64 keeps no character where the file writes it: the decoded value is reported where the encoded one starts.
    const where: Segment = { text: decoded.text, ...locate(at, start + lineText.lastIndexOf(value)), singleLine: true, encoded: true };
    const segment: Segment = { ...where, key: decoded.key, context: { ...at.context, keyPath: `${at.context?.keyPath ? `${at.context.keyPath}>` : ""}data.${key}` } };
    out.push(...(expand?.(decoded.text, segment) ?? [segment]));
  });
  return out;
}
