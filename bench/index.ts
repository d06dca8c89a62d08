/**
 * `npm run bench`: every benchmark, each printing its figures and the ratio to its peer, measured side by side in
 * this one run. BENCH_ONLY=import,scanner picks some. Benchmarks are not tests: nothing here asserts a duration.
 */
import { benchEvaluation } from "./evaluation-bench";
import { benchEvidence } from "./evidence-bench";
import { benchImport } from "./import-bench";
import { benchIngest } from "./ingest-bench";
import { benchLoad } from "./load-bench";
import { benchScanner } from "./scanner/bench";
import { selectedBenches } from "./selection";

const benches: Record<string, () => Promise<void>> = {
  import: benchImport,
  ingest: benchIngest,
  scanner: benchScanner,
  evaluation: benchEvaluation,
  evidence: benchEvidence,
  load: benchLoad,
};

const selected = selectedBenches(process.env.BENCH_ONLY, Object.keys(benches));
if ("error" in selected) {
  console.error(selected.error);
  process.exit(1);
}
console.log(`Leash benchmarks on ${process.platform}/${process.arch}, node ${process.version}, ${new Date().toISOString()}`);
for (const name of selected.names) await benches[name]!();
