import { randomUUID } from "node:crypto";
import type { Json } from "./common";

/**
 * The JSON text of many objects of one shape that differ only in a few string members. The shape is stringified once
 * with a marker in each of those members, and each object's text is the text between the markers with its own
 * values, JSON-escaped: byte for byte what JSON.stringify of the whole object gives, at a fraction of the cost when
 * a package writes a million of them.
 */
export class JsonTemplate {
  /** The text around the slots, one more than `order`. */
  private readonly parts: string[] = [];
  /** Which value fills each gap between parts, in text order. */
  private readonly order: number[] = [];

  /** `sample` is one object of the shape (it is changed); each slot puts the marker it is given where its value goes. */
  constructor(sample: Json, slots: readonly ((sample: Json, marker: string) => void)[]) {
    const nonce = randomUUID();
    const markers = slots.map((set, i) => {
      const marker = `leash-slot-${i}-${nonce}`;
      set(sample, marker);
      return marker;
    });
    const text = JSON.stringify(sample);
    let from = 0;
    for (const match of text.matchAll(new RegExp(markers.join("|"), "g"))) {
      this.parts.push(text.slice(from, match.index));
      this.order.push(markers.indexOf(match[0]));
      from = match.index + match[0].length;
    }
    this.parts.push(text.slice(from));
    if (this.order.length !== slots.length) throw new Error(`JsonTemplate: ${slots.length} slots but ${this.order.length} markers in the text`);
  }

  /** The text of the object whose slot values are `values`, in slot order. */
  render(values: readonly string[]): string {
    let text = this.parts[0]!;
    for (let i = 0; i < this.order.length; i++) text += JSON.stringify(values[this.order[i]!]).slice(1, -1) + this.parts[i + 1]!;
    return text;
  }
}
