import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { roles, type Role } from "../../lib/domain/identity";
import { frameworkKeysText } from "../../lib/rules";
import { cliViewer } from "../../lib/server/cli-viewer";
import { withDatabase } from "../database";
import { readStdinLine } from "../stdin";

type Options = { email: string; name?: string; role: string; passwordStdin?: boolean; json?: boolean; framework?: string; from?: string; to?: string };

/** An auditor's audit scope from --framework/--from/--to: all three, or none. */
function auditScopeOf(options: Options): { framework: string; from: string; to: string } | undefined {
  const { framework, from, to } = options;
  if (framework === undefined && from === undefined && to === undefined) return undefined;
  if (!framework || !from || !to) throw new Error("--framework, --from and --to go together: an auditor is limited to one framework and a window of days");
  return { framework, from, to };
}

export function registerUser(program: Command): void {
  const user = program.command("user").description("manage users");
  user
    .command("create")
    .description("create a user (the first admin of a new instance, for example)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <role>", `one of ${roles.join(", ")}`)
    .option("--name <name>", "display name (defaults to the part of the email before @)")
    .option("--password-stdin", "read the password from standard input instead of generating one")
    .option("--json", "print the created user as JSON")
    .option("--framework <id>", `auditors only: limit them to this framework (${frameworkKeysText(", ")}) …`)
    .option("--from <YYYY-MM-DD>", "… and to an audit window from this UTC day …")
    .option("--to <YYYY-MM-DD>", "… to this one, both included")
    .action(async (options: Options) => {
      if (!roles.includes(options.role as Role)) throw new Error(`--role must be one of ${roles.join(", ")}`);
      const auditScope = auditScopeOf(options);
      const generated = options.passwordStdin ? null : randomBytes(18).toString("base64url");
      const password = generated ?? (await readStdinLine());
      const { createUser } = await import("../../lib/server/users");
      const created = await withDatabase(() =>
        createUser(cliViewer(), {
          email: options.email,
          name: options.name ?? options.email.split("@")[0] ?? options.email,
          role: options.role as Role,
          password,
          auditScope,
        }),
      );
      if (options.json) console.log(JSON.stringify(created, null, 2));
      else console.log(`Created ${created.role} ${created.email} (${created.id}).`);
      // Printed once, to the operator's terminal; it is stored only as an argon2id hash.
      if (generated) console.error(`Initial password: ${generated}`);
    });
}
