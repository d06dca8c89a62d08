import type { EvidenceException, EvidenceFile, EvidenceFinding, EvidenceModel, EvidenceScope } from "@/lib/evidence/model";
import type { SpooledFile } from "@/lib/evidence/package/spool";
import { leashUuid } from "./uuid";

/**
 * What the assessment-results and POA&M writers share: identifiers, props, instants, metadata, the Leash tool
 * component and the back-matter that links the package's files by hash. Pure: the same model gives the same bytes.
 */

export type Json = Record<string, unknown>;

/** An OSCAL document written as the findings stream past, then finished once the package's files are hashed. */
export type OscalDocumentWriter = {
  add(finding: EvidenceFinding): void;
  finish(model: EvidenceModel): Promise<SpooledFile>;
};

export const OSCAL_VERSION = "1.0.6";
/** Namespace of Leash's own props; OSCAL requires one for names it does not define. A URN claims no domain. */
export const LEASH_PROP_NS = "urn:leash:oscal";

/** OSCAL TokenDatatype (an XML NCName): a letter or underscore, then letters, digits, ".", "-" or "_". */
export const OSCAL_TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

/**
 * A framework control id as an OSCAL token: lowercase, enhancements as NIST's own catalogs spell them ("AC-2(3)" →
 * "ac-2.3"), other characters as "-", and "_" before a leading digit, which a token cannot start with
 * ("7.2.5.1" → "_7.2.5.1"). The original id travels next to it in a prop or title.
 */
export function controlIdToken(controlId: string): string {
  const token = controlId
    .trim()
    .toLowerCase()
    .replace(/\(([\p{L}\p{N}]+)\)/gu, ".$1")
    .replace(/[^\p{L}\p{N}._-]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return /^[\p{L}_]/u.test(token) ? token : `_${token}`;
}

/** OSCAL StringDatatype: non-empty, one line, no surrounding whitespace; null when nothing is left. */
export function oscalString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

/** Leash props in the given order; empty values are left out rather than emitted invalid. */
export function leashProps(values: Record<string, unknown>): Json[] {
  const props: Json[] = [];
  for (const [name, raw] of Object.entries(values)) {
    const value = oscalString(raw);
    if (value !== null) props.push({ name, ns: LEASH_PROP_NS, value });
  }
  return props;
}

/** A list OSCAL would refuse empty (minItems 1), or nothing: JSON.stringify leaves undefined members out. */
export function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length ? items : undefined;
}

/** Drops undefined members and empty arrays: OSCAL arrays are minItems 1, so an empty list must be absent. */
export function pruneEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => pruneEmpty(item)) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, member] of Object.entries(value)) {
    const pruned = pruneEmpty(member);
    if (pruned === undefined || (Array.isArray(pruned) && pruned.length === 0)) continue;
    out[key] = pruned;
  }
  return out as T;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** What Date#toISOString writes for years 0–9999: already an OSCAL instant, as every stored timestamp is. */
const ISO_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** An ISO instant in UTC with milliseconds; a bare date is its first (or, with endOfDay, last) millisecond. */
export function oscalInstant(value: string, endOfDay = false): string {
  if (ISO_INSTANT.test(value)) return value;
  const text = DATE_ONLY.test(value) ? `${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z` : value;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`OSCAL: not an ISO date or instant: ${value}`);
  return new Date(ms).toISOString();
}

export function scopeStart(scope: EvidenceScope): string {
  return scope.kind === "as_of" ? oscalInstant(scope.asOf) : oscalInstant(scope.from);
}

export function scopeEnd(scope: EvidenceScope): string {
  return scope.kind === "as_of" ? oscalInstant(scope.asOf) : oscalInstant(scope.to, true);
}

export function scopeLabel(scope: EvidenceScope): string {
  return scope.kind === "as_of" ? `as of ${scope.asOf}` : `for the period ${scope.from} to ${scope.to}`;
}

/** An id for an object of this package only (a document, a result, an observation): new with every export. */
export function packageUuid(model: Pick<EvidenceModel, "packageUuid">, name: string): string {
  return leashUuid(`${model.packageUuid}|${name}`);
}

/** Per file path, so the same file of successive packages keeps its resource id (OSCAL asks for per-subject ids). */
export function fileResourceUuid(path: string): string {
  return leashUuid(`evidence-file|${path}`);
}

export function methodologyResourceUuid(model: EvidenceModel): string {
  return leashUuid(`methodology|${model.rulesVersion}|${model.parametersVersion}|${model.parametersHash}`);
}

/** The OSCAL documents sit in oscal/ of the package, and a relative href resolves against the document. */
export function packageHref(path: string): string {
  return `../${path}`;
}

function leashComponentUuid(model: Pick<EvidenceModel, "generator">): string {
  return leashUuid(`component|leash|${model.generator.version}`);
}

/** Leash itself, the tool every observation and finding originates from. */
export function leashComponent(model: EvidenceModel): Json {
  return {
    uuid: leashComponentUuid(model),
    type: "software",
    title: `${model.generator.name} ${model.generator.version}`,
    description:
      "Leash evaluates credentials, agent events, scanned corpora and audit logs against versioned rules and maps each verdict to framework controls.",
    props: leashProps({ "rules-version": model.rulesVersion, "parameters-version": model.parametersVersion, "parameters-hash": model.parametersHash }),
    status: { state: "operational" },
  };
}

export function toolOrigin(model: Pick<EvidenceModel, "generator">): Json {
  return { actors: [{ type: "tool", "actor-uuid": leashComponentUuid(model) }] };
}

export function buildMetadata(model: EvidenceModel, title: string): Json {
  const preparedBy = oscalString(model.generatedBy);
  const partyUuid = preparedBy === null ? null : leashUuid(`party|${preparedBy}`);
  return {
    title,
    published: oscalInstant(model.generatedAt),
    "last-modified": oscalInstant(model.generatedAt),
    // Each package is its own revision; the generator's version is a prop.
    version: model.packageUuid,
    "oscal-version": OSCAL_VERSION,
    props: leashProps({
      generator: model.generator.name,
      "generator-version": model.generator.version,
      "package-uuid": model.packageUuid,
      framework: model.framework.id,
      scope: model.scope.kind === "as_of" ? "as-of" : "period",
    }),
    roles: partyUuid ? [{ id: "prepared-by", title: "Prepared By", description: "Exported this evidence package from Leash." }] : [],
    parties: partyUuid ? [{ uuid: partyUuid, type: "person", name: preparedBy }] : [],
    "responsible-parties": partyUuid ? [{ "role-id": "prepared-by", "party-uuids": [partyUuid] }] : [],
  };
}

function methodologyResource(model: EvidenceModel): Json {
  const rules = model.methodology.rules.map((r) => `${r.id} ${r.title} (${r.severity})`).join("; ");
  return {
    uuid: methodologyResourceUuid(model),
    title: "Leash rules methodology",
    description:
      `There is no separate assessment plan: Leash assesses continuously. Every in-scope subject is evaluated against ` +
      `rules version ${model.rulesVersion} with parameters version ${model.parametersVersion}; each verdict is pass, fail, ` +
      `excepted (an approved exception) or not applicable, and a control's population is the verdicts of its rules. ` +
      `Rules: ${rules || "none"}. The embedded JSON holds every rule's parameters.`,
    props: leashProps({ "rules-version": model.rulesVersion, "parameters-version": model.parametersVersion, "parameters-hash": model.parametersHash }),
    base64: {
      filename: "methodology.json",
      "media-type": "application/json",
      value: Buffer.from(JSON.stringify(model.methodology), "utf8").toString("base64"),
    },
  };
}

function fileResource(file: EvidenceFile): Json {
  return {
    uuid: fileResourceUuid(file.path),
    title: oscalString(file.title) ?? file.path,
    props: leashProps({ "package-path": file.path, bytes: file.bytes, records: file.records }),
    rlinks: [
      {
        href: packageHref(file.path),
        "media-type": oscalString(file.mediaType) ?? "application/octet-stream",
        hashes: [{ algorithm: "SHA-256", value: file.sha256.toLowerCase() }],
      },
    ],
  };
}

/** The methodology (the target of import-ap) and one resource per package file, each with its SHA-256. */
export function buildBackMatter(model: EvidenceModel): Json {
  return { resources: [methodologyResource(model), ...model.files.map(fileResource)] };
}

/** A package file as the OSCAL documents refer to it; its hash is only needed in the back-matter. */
export type FileRef = Pick<EvidenceFile, "path" | "title">;

/** relevant-evidence entries pointing at the back-matter resources of the files that match. */
export function evidenceRefs(files: readonly FileRef[], match: (file: FileRef) => boolean): Json[] {
  return files.filter(match).map((file) => ({ href: `#${fileResourceUuid(file.path)}`, description: oscalString(file.title) ?? file.path }));
}

/**
 * What every finding's OSCAL objects are built from, worked out once per package: ids, the tool origin, the
 * exceptions by finding and the files evidence can point to. Known before the findings stream past, so each is
 * written as it comes.
 */
export type FindingContext = {
  packageUuid: string;
  generatedAt: string;
  origin: Json;
  files: readonly FileRef[];
  controlIds: ReadonlySet<string>;
  exceptionsOf: (findingUuid: string) => readonly EvidenceException[];
};

export function findingContext(
  model: Pick<EvidenceModel, "packageUuid" | "generator" | "generatedAt" | "exceptions">,
  files: readonly FileRef[],
  controlIds: readonly string[],
): FindingContext {
  const byFinding = new Map<string, EvidenceException[]>();
  for (const e of model.exceptions) byFinding.set(e.findingUuid, [...(byFinding.get(e.findingUuid) ?? []), e]);
  return {
    packageUuid: model.packageUuid,
    generatedAt: model.generatedAt,
    origin: toolOrigin(model),
    files,
    controlIds: new Set(controlIds),
    exceptionsOf: (uuid) => byFinding.get(uuid) ?? [],
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-+|-+$/g, "");
}

/** populations/<control>.csv, however the package writer spelled the control in the file name. */
export function isPopulationFileOf(file: FileRef, controlId: string): boolean {
  const match = /^populations\/(.+)\.[^./]+$/.exec(file.path);
  if (!match) return false;
  const name = match[1]!.toLowerCase();
  return name === controlId.toLowerCase() || name === controlIdToken(controlId) || slug(name) === slug(controlId);
}
