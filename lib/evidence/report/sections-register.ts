import type { EvidenceFile, EvidenceModel } from "@/lib/evidence/model";
import { drawTrendChart, type TrendPoint } from "./chart";
import { SECTION_TITLES } from "./sections-posture";
import { SEVERITY_WEIGHTS } from "@/lib/rules";
import { chunk, formatCount, formatInstant, formatParameters, formatPercent, pdfLine } from "./text";
import { COLOR, FONT, SIZE, type Column, type ReportWriter } from "./writer";

/** Sections 5–8 of report.pdf: trend, exceptions register, methodology and the package's files. */

const TREND_GROUPS = 3;

export function writeTrend(w: ReportWriter, model: EvidenceModel): void {
  w.startSection(SECTION_TITLES.trend);
  const points = model.trend;
  if (points.length === 0) return w.paragraph("No trend points in this package.");
  const scored = points.filter((p) => p.score !== null).length;
  w.paragraph(
    `Framework score at the end of each UTC day, ${pdfLine(points[0]!.day)} to ${pdfLine(points[points.length - 1]!.day)} ` +
      `(${scored} of ${points.length} days scored). A day without a score is a gap in the line and "no score" in the table.`,
    { color: COLOR.muted },
  );
  w.gap(6);
  drawTrendChart(w, points);
  w.heading("Score per day");
  // Row-major groups of three days, so reading across and then down is chronological.
  const rows: (TrendPoint | undefined)[][] = [];
  for (let i = 0; i < points.length; i += TREND_GROUPS) rows.push(Array.from({ length: TREND_GROUPS }, (_, k) => points[i + k]));
  const columns: Column<(TrendPoint | undefined)[]>[] = [];
  for (let k = 0; k < TREND_GROUPS; k++) {
    columns.push({ header: "Day", width: "*", cell: (r) => r[k]?.day ?? "" });
    columns.push({ header: "Score", width: 70, cell: (r) => {
        const point = r[k];
        return point ? formatPercent(point.score, "no score") : "";
      }, align: "right" });
  }
  w.table(columns, rows);
}

export function writeExceptions(w: ReportWriter, model: EvidenceModel): void {
  w.startSection(SECTION_TITLES.exceptions);
  w.paragraph(
    "Every exception request in scope. An approved, unexpired exception turns a rule's fail into excepted for that " +
      "subject; the justification is the requester's own words.",
    { color: COLOR.muted },
  );
  w.gap(6);
  if (model.exceptions.length === 0) return w.paragraph("No exceptions were requested.");
  model.exceptions.forEach((e, i) => {
    w.ensureSpace(110);
    w.paragraph(`${i + 1}. ${pdfLine(e.ruleId)}  ${pdfLine(e.subjectLabel)}`, { font: FONT.bold });
    w.gap(2);
    w.table(
      [
        { header: "", width: 110, cell: (p: [string, string]) => p[0], bold: true },
        { header: "", width: "*", cell: (p: [string, string]) => p[1] },
      ],
      [
        ["Status", e.status],
        ["Requested by", e.requestedBy],
        ["Decided by", e.decidedBy ?? "not decided"],
        ["Decided at", e.decidedAt === null ? "not decided" : formatInstant(e.decidedAt)],
        ["Expires", formatInstant(e.expiresAt)],
        ["Finding", e.findingUuid],
      ],
      { header: false, lines: false },
    );
    w.style(FONT.bold, SIZE.table).text("Justification", w.left + 3, w.doc.y);
    // A paragraph, not a table cell: a long justification flows onto the next page instead of being cut.
    w.paragraph(e.justification, { indent: 3 });
    w.gap(10);
  });
}

export function writeMethodology(w: ReportWriter, model: EvidenceModel): void {
  w.startSection(SECTION_TITLES.methodology);
  w.heading("Evaluations");
  w.paragraph(
    "Each rule is evaluated for every subject it applies to (a credential, an activity event, a scanned corpus or " +
      "Leash's own audit log). An evaluation is pass, fail, excepted (a fail covered by an approved, unexpired " +
      "exception) or not applicable.",
  );
  w.paragraph(
    "This package evaluates every subject anew at its instant. Leash's current posture, control pages and findings " +
      "queue show the latest evaluation run (its time is given as evaluated at), so a time-based rule (lifetime, " +
      "rotation, unused, review, exposure SLA, scan age) that has crossed its limit since that run fails here first, " +
      "and a finding Leash had not recorded by the instant is listed as detected at it. Read as of this package's " +
      "instant, the posture and control pages match it exactly.",
  );
  w.heading("Control score");
  const weights = Object.entries(SEVERITY_WEIGHTS).map(([s, n]) => `${s} ${n}`).join(", ");
  w.paragraph(
    "A control's population is every applicable evaluation of the rules mapped to it. Its score is the weighted " +
      `share of pass and excepted among pass, fail and excepted, each evaluation weighted by its rule's severity: ${weights}. ` +
      "Evaluations that do not apply are not counted.",
  );
  w.heading("Control status");
  w.bullet("Effective: evaluations apply and none fails or is excepted.");
  w.bullet("Effective with exceptions: none fails, at least one is excepted.");
  w.bullet("Not effective: at least one evaluation fails.");
  w.bullet("Not tested: nothing applicable was evaluated; the control has no score.");
  w.heading("Framework score");
  w.paragraph("The mean of the scores of the framework's controls that have a population; not-tested controls are left out.");
  w.heading(`Rules and parameters`);
  w.paragraph(
    `Rules version ${pdfLine(model.rulesVersion)}, parameters version ${model.parametersVersion} ` +
      `(hash ${pdfLine(model.parametersHash)}).`,
    { color: COLOR.muted },
  );
  w.gap(4);
  type Rule = EvidenceModel["methodology"]["rules"][number];
  w.table<Rule>(
    [
      { header: "Rule", width: 40, cell: (r) => r.id, bold: true },
      { header: "Title", width: "*", cell: (r) => r.title },
      { header: "Severity", width: 60, cell: (r) => `${r.severity} (${SEVERITY_WEIGHTS[r.severity]})` },
      { header: "Parameters", width: 200, cell: (r) => formatParameters(r.parameters) },
    ],
    model.methodology.rules,
  );
}

export function writeFiles(w: ReportWriter, model: EvidenceModel): void {
  w.startSection(SECTION_TITLES.files);
  w.paragraph(
    "The package's data files, which the cover's data hash covers. Each SHA-256 is also in SHA256SUMS (signed by " +
      "SHA256SUMS.sig) and in manifest.json (signed by manifest.sig), which also list README.txt and the OSCAL documents. " +
      "report.pdf is not listed here: a file cannot contain its own hash.",
    { color: COLOR.muted },
  );
  w.gap(6);
  if (model.files.length === 0) return w.paragraph("The package lists no data files.");
  w.table<EvidenceFile>(
    [
      { header: "Path", width: "*", cell: (f) => f.path, bold: true },
      { header: "Records", width: 52, cell: (f) => formatCount(f.records), align: "right" },
      { header: "Bytes", width: 62, cell: (f) => formatCount(f.bytes), align: "right" },
      // Courier 9 pt is 5.4 pt per character: 32 hex digits per line fit the column.
      { header: "SHA-256", width: 182, cell: (f) => chunk(pdfLine(f.sha256), 32), mono: true },
    ],
    model.files,
  );
}
