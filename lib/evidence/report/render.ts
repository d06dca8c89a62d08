import type { EvidenceModel } from "@/lib/evidence/model";
import { writeBlastRadius, writeControls, writeCover, writeSummary } from "./sections-posture";
import { writeExceptions, writeFiles, writeMethodology, writeTrend } from "./sections-register";
import { clip, formatScope, pdfLine } from "./text";
import { COLOR, FONT, SIZE, ReportWriter, createDocument } from "./writer";

/**
 * report.pdf of an evidence package (DESIGN §7): the readable summary next to the data files. Pure: the same model
 * and hash give the same bytes, because the document's dates (and the file ID pdfkit derives from them) come from
 * `model.generatedAt`, never the clock, and only the built-in fonts are used, so nothing is subset or embedded.
 */
export async function renderReportPdf(model: EvidenceModel, dataHash: string): Promise<Buffer> {
  const generatedAt = new Date(model.generatedAt);
  const doc = createDocument({
    title: `Leash evidence package: ${model.framework.name}`,
    creator: `${model.generator.name} ${model.generator.version}`,
    // An unparsable instant would make pdfkit throw while writing the info dictionary; the epoch keeps it pure.
    creationDate: Number.isNaN(generatedAt.getTime()) ? new Date(0) : generatedAt,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const w = new ReportWriter(doc);
  writeCover(w, model, dataHash);
  writeSummary(w, model);
  writeControls(w, model);
  writeBlastRadius(w, model);
  writeTrend(w, model);
  writeExceptions(w, model);
  writeMethodology(w, model);
  writeFiles(w, model);
  writeFooters(w, model);

  doc.end();
  return done;
}

/** "framework | scope | page N of M" on every page, written once the page count is known. */
function writeFooters(w: ReportWriter, model: EvidenceModel): void {
  const doc = w.doc;
  const { start, count } = doc.bufferedPageRange();
  const label = `Leash evidence package | ${clip(pdfLine(model.framework.name), 60)} | ${formatScope(model.scope)}`;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    // The footer sits in the bottom margin; with the margin in force pdfkit would start a new page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 24;
    doc
      .moveTo(w.left, y - 6)
      .lineTo(w.left + w.width, y - 6)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    w.style(FONT.regular, SIZE.small, COLOR.muted);
    doc.text(fitWidth(w, label, w.width - 100), w.left, y, { width: w.width - 90, lineBreak: false });
    doc.text(`page ${i + 1} of ${count}`, w.left + w.width - 90, y, { width: 90, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Shortens a one-line text until it fits `width` in the current font, so it cannot run into the page number. */
function fitWidth(w: ReportWriter, text: string, width: number): string {
  let fitted = text;
  while (fitted.length > 1 && w.doc.widthOfString(fitted) > width) fitted = clip(fitted, fitted.length - 1);
  return fitted;
}
