import "server-only";
import os from "node:os";
import { permissions } from "./permissions";
import type { Viewer } from "./viewer";

/**
 * The operator at the shell. Whoever can run the CLI against the database already holds the database itself, so
 * the CLI acts with every permission; its audit entries name it as the CLI and the OS user.
 */
export function cliViewer(): Viewer {
  return systemViewer(`leash cli (${os.userInfo().username}@${os.hostname()})`);
}

/** Leash acting on its own behalf (demo seed, scheduled work), with every permission, named in the audit log. */
export function systemViewer(label: string): Viewer {
  return {
    userId: "cli",
    email: label,
    name: "Leash CLI",
    role: "admin",
    teamIds: [],
    teams: [],
    permissions: new Set(permissions),
    via: "cli",
  };
}
