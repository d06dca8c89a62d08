import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// Titles are set one way (components/page-title.tsx): a title from Next's metadata is resolved apart from the page
// and, after an in-app navigation, mounted after it, so it won over a not-found page's title ("Credential · Leash"
// on a credential that was not found). The e2e spec not-found-titles.spec.ts shows the tab; this keeps the rule.

const APP = path.join(process.cwd(), "app");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "api" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

const relative = (file: string) => path.relative(process.cwd(), file);

/** Whether a module sets a title through Next's metadata, statically or generated. */
const setsMetadataTitle = (text: string) => /export (async )?function generateMetadata/.test(text) || /export const metadata[^;]*\btitle\s*:/s.test(text);

test("no page, layout or not-found page sets a title through Next's metadata", () => {
  const setting = sources(APP).filter((file) => setsMetadataTitle(readFileSync(file, "utf8")));
  expect(setting.map(relative)).toEqual([]);
});

test("every page that shows something names itself in the tab", () => {
  const pages = sources(APP).filter((file) => path.basename(file) === "page.tsx");
  expect(pages.length).toBeGreaterThan(30);
  // A page that only redirects shows nothing to name.
  const untitled = pages.filter((file) => {
    const text = readFileSync(file, "utf8");
    return !text.includes("<PageTitle ") && !/^\s*redirect\(/m.test(text);
  });
  expect(untitled.map(relative)).toEqual([]);
});
