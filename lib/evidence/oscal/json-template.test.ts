import { describe, expect, test } from "vitest";
import type { Json } from "./common";
import { JsonTemplate } from "./json-template";

const shape = (name: string, note: string, tags: string[]): Json => ({ id: 7, name, nested: { note, flags: [true, null] }, tags: tags.map((value) => ({ value })) });
const slots = [(o: Json, m: string) => (o.name = m), (o: Json, m: string) => ((o.nested as Json).note = m), (o: Json, m: string) => ((o.tags as Json[])[1]!.value = m)];

describe("JsonTemplate", () => {
  test("renders exactly what JSON.stringify gives, whatever the values hold", () => {
    const template = new JsonTemplate(shape("first", "note", ["a", "b"]), slots);
    const hostile = ['quote " and backslash \\', "line\nbreak\ttab\u0000nul", "ünïcødé 🔑 \u2028", "leash-slot-0-not-a-marker", "", "}],\"x\":{"];
    for (const name of hostile) {
      for (const note of hostile) {
        const values = [name, note, `${name}|${note}`];
        expect(template.render(values)).toBe(JSON.stringify(shape(name, note, ["a", `${name}|${note}`])));
      }
    }
  });

  test("refuses a shape where a slot leaves no marker in the text", () => {
    expect(() => new JsonTemplate({ a: 1 }, [(o, m) => void (o.b = undefined), (o, m) => (o.c = m)])).toThrow(/2 slots but 1 markers/);
  });
});
