import { describe, expect, test } from "vitest";
import { credentialMentions, mentionedCredentialIds, namedText, tracedText } from "./credential-mentions";

const id = "5b0e4c1a-2f7d-4e3b-9a61-0c8d7e6f5a43";
const railway = { id, name: "Railway deploy token" };

describe("credentialMentions", () => {
  test("a flag reason's credential id becomes the credential, the words around it stay", () => {
    const reason = `credential ${id} was used at 2026-03-01T10:00:00.000Z, after it expired at 2026-02-01T00:00:00.000Z`;
    expect(credentialMentions(reason, [railway])).toEqual([
      { text: "credential " },
      { credential: railway },
      { text: " was used at 2026-03-01T10:00:00.000Z, after it expired at 2026-02-01T00:00:00.000Z" },
    ]);
    expect(credentialMentions(`the event touched production but credential ${id} is scoped to staging`, [railway])).toEqual([
      { text: "the event touched production but credential " },
      { credential: railway },
      { text: " is scoped to staging" },
    ]);
  });

  test("an id the reader cannot name, or no id at all, leaves the text as it is", () => {
    const other = `credential ${id.replace("5b0e", "aaaa")} was used`;
    expect(credentialMentions(other, [railway])).toEqual([{ text: other }]);
    expect(credentialMentions("the credential was valid at the event's time", [railway])).toEqual([{ text: "the credential was valid at the event's time" }]);
    expect(credentialMentions("", [])).toEqual([{ text: "" }]);
  });

  test("the ids a text names are the ones it says are credentials", () => {
    expect(mentionedCredentialIds(`credential ${id.toUpperCase()} was used; event ${id.replace("5b0e", "bbbb")}`)).toEqual([id]);
  });

  test("as plain text, the credential is written by name", () => {
    expect(namedText(`credential ${id} was used`, [railway])).toBe("credential Railway deploy token was used");
  });

  test("in a record that must stay traceable, the credential is written by name with its id after it", () => {
    expect(tracedText(`the event touched production but credential ${id.toUpperCase()} is scoped to staging`, [railway])).toBe(
      `the event touched production but credential Railway deploy token (${id}) is scoped to staging`,
    );
    expect(tracedText(`credential ${id.replace("5b0e", "aaaa")} was used`, [railway])).toBe(`credential ${id.replace("5b0e", "aaaa")} was used`);
  });
});
