/**
 * The benchmarks BENCH_ONLY picks (comma-separated names), in the order they run; all of them when it is unset or
 * empty. A name that is no benchmark is refused: a typo would otherwise run nothing and look like a finished run.
 */
export function selectedBenches(only: string | undefined, names: readonly string[]): { names: string[] } | { error: string } {
  const asked = (only ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  if (asked.length === 0) return { names: [...names] };
  const unknown = asked.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    const listed = unknown.map((name) => `"${name}"`).join(", ");
    return { error: `BENCH_ONLY names no benchmark ${listed}; the benchmarks are ${names.join(", ")}` };
  }
  return { names: names.filter((name) => asked.includes(name)) };
}
