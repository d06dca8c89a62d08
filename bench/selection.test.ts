import { expect, test } from "vitest";
import { selectedBenches } from "./selection";

const names = ["import", "ingest", "scanner"];

test("BENCH_ONLY unset or empty runs every benchmark", () => {
  expect(selectedBenches(undefined, names)).toEqual({ names });
  expect(selectedBenches(" , ", names)).toEqual({ names });
});

test("BENCH_ONLY picks benchmarks by name, in the order they run", () => {
  expect(selectedBenches("scanner, import", names)).toEqual({ names: ["import", "scanner"] });
});

test("an unknown name is refused with the names there are, instead of running nothing", () => {
  expect(selectedBenches("import,ingset", names)).toEqual({ error: 'BENCH_ONLY names no benchmark "ingset"; the benchmarks are import, ingest, scanner' });
});
