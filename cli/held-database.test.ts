import { Command } from "commander";
import { expect, test } from "vitest";
import { DataDirLockedError, SERVER_HOLDER } from "../db/data-dir-lock";
import { heldDatabaseMessage } from "./database";

const program = new Command("leash");
const db = program.command("db");
const migrate = db.command("migrate");
const list = program.command("credentials").command("list").option("--server <url>");
const refusal = (holder: string) => new DataDirLockedError("/data", { pid: 7, holder, since: "t" });

test("held by the server, only a command that takes --server is sent to it; the others to its web UI or API", () => {
  expect(heldDatabaseMessage(refusal(SERVER_HOLDER), list)).toMatch(/send the command to that server: leash credentials list … --server URL --token T\.$/);
  const other = heldDatabaseMessage(refusal(SERVER_HOLDER), migrate);
  expect(other).toMatch(/leash db migrate cannot be sent to a server: while the server runs, use its web UI or API instead\.$/);
  expect(other).not.toMatch(/--server/);
});

test("held by another command, the refusal sends no one to a server", () => {
  expect(heldDatabaseMessage(refusal("leash cli"), list)).toBe(refusal("leash cli").message);
});
