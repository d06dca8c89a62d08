import { expect, test } from "vitest";
import type { EventDto } from "../lib/domain/activity-query";
import type { CredentialRowDto } from "../lib/domain/credential-query";
import { credentialLine } from "./commands/credentials";
import { eventLine } from "./commands/ingest";

// `leash credentials list` and `leash events list` print what imports and logs said: an event's agent name or
// resource is whatever the source (or an attacker writing to it) put there, and must not drive the terminal.
const ESC = "\u001b[2J\u001b]0;pwned\u0007";

test("an event's hostile fields are one line of escaped cells", () => {
  const event = { occurredAt: "2026-11-29T03:25:50.059Z", actorType: "agent", agentName: ESC, rawOperation: "Delete\tDB", resource: "vol\n2026-01-01\thuman", resourceEnvironment: null, unapprovedDestructive: true, crossEnv: false, afterExpiry: false, attributionReason: `user agent names ${ESC}`, flagReasons: { unapprovedDestructive: "ran Delete\tDB on vol\n" } } as EventDto;
  expect(eventLine(event)).toBe("2026-11-29T03:25:50.059Z\tagent(\\x1b[2J\\x1b]0;pwned\\x07)\tDelete\\x09DB\tvol\\x0a2026-01-01\\x09human\t?\tUNAPPROVED-DESTRUCTIVE\tuser agent names \\x1b[2J\\x1b]0;pwned\\x07\tUNAPPROVED-DESTRUCTIVE: ran Delete\\x09DB on vol\\x0a");
});

test("a credential's name and team are escaped the same way", () => {
  const credential = { id: "c-1", provider: "aws", kind: "access_key", name: "prod\u202egnp.exe\u202c", environments: ["production"], agentAccessible: true, neverExpires: true, expiresAt: null, team: { id: "t", name: `Team ${ESC}` }, teamLabel: null } as unknown as CredentialRowDto;
  expect(credentialLine(credential)).toBe("aws\taccess_key\tprod\\u202egnp.exe\\u202c\tproduction\tagent\tnever\tTeam \\x1b[2J\\x1b]0;pwned\\x07");
});
