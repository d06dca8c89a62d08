// Worker threads start in plain Node: load the scanner through the TypeScript bundle the CLI uses, then hand over to worker.ts.
import { parentPort, workerData } from "node:worker_threads";

const { importTs } = await import(new URL("../../cli/run-ts.mjs", import.meta.url).href);
const { runWorker } = await importTs("lib/scanner/worker.ts");
runWorker(parentPort, workerData);
