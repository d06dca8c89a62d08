import { FRAMEWORKS, frameworkById } from "@/lib/rules/frameworks";
import { controlPopulationQuerySchema, postureQuerySchema, postureTrendQuerySchema } from "@/lib/domain/posture";
import { addDays, DAY_MS, utcDay } from "@/lib/domain/utc-days";
import { searchParam, type RawSearch } from "../../_lib/search-params";

/** The controls views as URL search params, so an auditor can bookmark or share "SOC 2 as of that instant". */

export const DEFAULT_FRAMEWORK = "soc2";

/** The framework's short name ("SOC 2") for tabs, cards and sentences; an unknown id as it was typed. */
export function frameworkLabel(id: string): string {
  return frameworkById(id)?.label ?? id;
}

/** SOC 2 and PCI DSS first (what audits ask for), then the crosswalks: the order of FRAMEWORKS. */
export const FRAMEWORK_IDS = FRAMEWORKS.map((f) => f.id);

/** An unknown framework is kept: the server answers not found and the page shows it, rather than silently swapping. */
export function readFramework(search: RawSearch, fallback: string = DEFAULT_FRAMEWORK): string {
  const value = searchParam(search, "framework");
  return value && value.length <= 40 ? value : fallback;
}

/**
 * A valid past ISO instant, normalized so equal instants share one cache entry; anything else (including a
 * future instant, which the server refuses) means "now".
 */
export function readAsOf(search: RawSearch, now: Date = new Date()): string | undefined {
  const value = searchParam(search, "as_of");
  if (!value || !postureQuerySchema.shape.as_of.safeParse(value).success) return undefined;
  const date = new Date(value);
  return date.getTime() > now.getTime() ? undefined : date.toISOString();
}

/** True when the URL asked for an instant that readAsOf had to drop, so the page can say it shows now instead. */
export function asOfRejected(search: RawSearch): boolean {
  return searchParam(search, "as_of") !== undefined && readAsOf(search) === undefined;
}

export const POPULATION_PARAMS = ["as_of", "result", "rule", "cursor", "limit"] as const;
export type PopulationParam = (typeof POPULATION_PARAMS)[number];
export type PopulationParams = Partial<Record<PopulationParam, string>>;

/** Keeps the population filters the API accepts and drops the rest, so a hand-edited link still shows a view. */
export function readPopulationParams(search: RawSearch): PopulationParams {
  const out: PopulationParams = {};
  for (const name of POPULATION_PARAMS) {
    const value = name === "as_of" ? readAsOf(search) : searchParam(search, name);
    if (!value) continue;
    const field = controlPopulationQuerySchema.shape[name];
    if (field.safeParse(value).success) out[name] = value;
  }
  return out;
}

export function readPrevStack(search: RawSearch): string[] {
  const value = searchParam(search, "prev");
  return value ? value.split(".").filter(Boolean) : [];
}

export type Period = { from: string; to: string };
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;

export function defaultPeriod(now: Date = new Date()): Period {
  const to = utcDay(now);
  return { from: addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
}

export function periodDays(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The audit period from the URL, or `fallback` (the last 30 days) with a reason when what was asked for cannot be shown. */
export function readPeriod(search: RawSearch, now: Date = new Date(), fallback: Period = defaultPeriod(now)): { period: Period; error: string | null } {
  const from = searchParam(search, "from");
  const to = searchParam(search, "to");
  if (!from && !to) return { period: fallback, error: null };
  const parsed = postureTrendQuerySchema.safeParse({ from, to });
  if (!parsed.success) return { period: fallback, error: "Pick both a first and a last day, the last not before the first." };
  const period = { from: from!, to: to! };
  if (period.to > utcDay(now)) return { period: fallback, error: "A period must not end after today (UTC)." };
  if (periodDays(period).length > MAX_PERIOD_DAYS) return { period: fallback, error: `A period spans at most ${MAX_PERIOD_DAYS} days.` };
  return { period, error: null };
}

export function toSearchString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * The instant a daily status stands for: the day's last millisecond (UTC), as the daily points are computed; today's
 * is not over yet, so it is "now" (no as_of), which is also what the server would accept.
 */
export function dayAsOf(day: string, now: number = Date.now()): string | undefined {
  const end = Date.parse(`${day}T00:00:00.000Z`) + DAY_MS - 1;
  return end < now ? new Date(end).toISOString() : undefined;
}

/** Segments arrive encoded or not depending on the router path; ids never contain "%", so decoding is safe. */
export function pathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function controlsHref(framework: string, asOf?: string): string {
  return `/controls${toSearchString({ framework, as_of: asOf })}`;
}

/** With `control`, the period page also lists the days that control was not effective. */
export function periodHref(framework: string, period?: Partial<Period>, control?: string): string {
  return `/controls/period${toSearchString({ framework, from: period?.from, to: period?.to, control })}`;
}

/** The control whose days not effective the period page lists; an id too long to be one is ignored. */
export function readPeriodControl(search: RawSearch): string | undefined {
  const value = searchParam(search, "control");
  return value && value.length <= 40 ? value : undefined;
}

export function controlHref(framework: string, controlId: string, params: PopulationParams = {}, prev: string[] = []): string {
  const path = `/controls/${encodeURIComponent(framework)}/${encodeURIComponent(controlId)}`;
  return `${path}${toSearchString({ ...params, prev: prev.length ? prev.join(".") : undefined })}`;
}

// Keyset pages have no numbers, so "Previous" needs the cursors seen so far; they ride in the URL (`~` = first page).
const FIRST_PAGE = "~";

export function nextPageHref(framework: string, controlId: string, params: PopulationParams, prev: string[], cursor: string): string {
  return controlHref(framework, controlId, { ...params, cursor }, [...prev, params.cursor ?? FIRST_PAGE]);
}

export function previousPageHref(framework: string, controlId: string, params: PopulationParams, prev: string[]): string | null {
  const last = prev.at(-1);
  if (last === undefined) return null;
  const back: PopulationParams = { ...params, cursor: last === FIRST_PAGE ? undefined : last };
  return controlHref(framework, controlId, back, prev.slice(0, -1));
}
