import { beforeAll, expect, test } from "vitest";
import { awsPair, fromSpec, TOKEN_SPECS } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { createCorpus } from "./corpora";
import { scanUploadedArchive } from "./scan-archive";
import { listSecretFindings } from "./secret-findings";
import { importJsonCredentials, seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// The Scans page's findings filters beyond `matched`: by secret kind and by whether agents read the corpus, each
// narrowing within the viewer's team scope, never widening it.

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describeEachEngine("secret findings filtered by kind and agent-readable corpus", () => {
  let f: IdentityFixture;
  const rng = new Rng(5151);
  const matched = awsPair(rng);
  const unmatched = awsPair(rng);
  const gitlab = () => fromSpec(TOKEN_SPECS.find((t) => t.id === "gitlab-pat")!, rng);
  let tokenKind = "";

  beforeAll(async () => {
    f = await seedIdentity();
    await importJsonCredentials(f, [{ external_id: "aws-1", provider: "aws", kind: "access_key", team: "Team A", public_id: matched.id }], "aws");
    // Agents read the wiki (no team); only team B's people own the backup, which no agent reads.
    await createCorpus(f.admin, { name: "Agent wiki", kind: "docs_export", agentReadable: true });
    await createCorpus(f.admin, { name: "Vault backup", kind: "file_tree", agentReadable: false, teamId: f.teamB });
    const pair = (p: { id: string; secret: string }) => `AWS_ACCESS_KEY_ID=${p.id}\nAWS_SECRET_ACCESS_KEY=${p.secret}\n`;
    await scanUploadedArchive(f.admin, "Agent wiki", "runbook.env", bytes(`${pair(matched)}GITLAB_TOKEN=${gitlab()}\n`));
    await scanUploadedArchive(f.admin, "Vault backup", "backup.env", bytes(`${pair(unmatched)}GITLAB_TOKEN=${gitlab()}\n`));
    tokenKind = (await listSecretFindings(f.admin, {})).find((x) => x.kind !== "access_key")?.kind ?? "";
  });

  /** `corpus:kind` of each listed exposure, sorted: names, never values. */
  const listed = async (viewer: IdentityFixture["admin"], query: Parameters<typeof listSecretFindings>[1]) =>
    (await listSecretFindings(viewer, query)).map((x) => `${x.corpus.name}:${x.kind === "access_key" ? "aws" : x.kind === tokenKind ? "token" : x.kind}`).sort();

  test("unfiltered, an admin sees all four; the token's kind is not access_key", async () => {
    expect(tokenKind).not.toBe("");
    expect(await listed(f.admin, {})).toEqual(["Agent wiki:aws", "Agent wiki:token", "Vault backup:aws", "Vault backup:token"]);
  });

  test("kind narrows to that kind of secret, alone or with agentReadable", async () => {
    expect(await listed(f.admin, { kind: "access_key" })).toEqual(["Agent wiki:aws", "Vault backup:aws"]);
    expect(await listed(f.admin, { kind: tokenKind })).toEqual(["Agent wiki:token", "Vault backup:token"]);
    expect(await listed(f.admin, { kind: "ssh_private_key" })).toEqual([]);
    expect(await listed(f.admin, { kind: "access_key", agentReadable: "false" })).toEqual(["Vault backup:aws"]);
  });

  test("agentReadable narrows to corpora agents read, or to those they do not", async () => {
    expect(await listed(f.admin, { agentReadable: "true" })).toEqual(["Agent wiki:aws", "Agent wiki:token"]);
    expect(await listed(f.admin, { agentReadable: "false" })).toEqual(["Vault backup:aws", "Vault backup:token"]);
    await expect(listSecretFindings(f.admin, { agentReadable: "yes" as "true" })).rejects.toMatchObject({ code: "invalid", fields: { agentReadable: expect.any(String) } });
  });

  test("engineers' team scope still applies under either filter", async () => {
    // Team A: its credential's exposure in the shared wiki only; the wiki's unmatched token is no team's.
    expect(await listed(f.engineerA, {})).toEqual(["Agent wiki:aws"]);
    expect(await listed(f.engineerA, { agentReadable: "true" })).toEqual(["Agent wiki:aws"]);
    expect(await listed(f.engineerA, { agentReadable: "false" })).toEqual([]);
    expect(await listed(f.engineerA, { kind: tokenKind })).toEqual([]);
    // Team B: what its own corpus holds, nothing from the wiki.
    expect(await listed(f.engineerB, { agentReadable: "false" })).toEqual(["Vault backup:aws", "Vault backup:token"]);
    expect(await listed(f.engineerB, { agentReadable: "true" })).toEqual([]);
    expect(await listed(f.engineerB, { kind: "access_key" })).toEqual(["Vault backup:aws"]);
    expect(await listed(f.auditor, { kind: "access_key", agentReadable: "true" })).toEqual(["Agent wiki:aws"]);
  });
});
