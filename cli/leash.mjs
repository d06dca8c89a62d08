#!/usr/bin/env node
import { importTs } from "./run-ts.mjs";

await importTs("cli/main.ts");
