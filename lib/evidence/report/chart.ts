import { COLOR, FONT, SIZE, type ReportWriter } from "./writer";
import { pdfLine } from "./text";

export type TrendPoint = { day: string; score: number | null };

/** Consecutive scored days, as [index, score] runs: a day without a score ends a run, so the line shows a gap. */
export function trendSegments(points: readonly TrendPoint[]): [number, number][][] {
  const segments: [number, number][][] = [];
  let current: [number, number][] = [];
  points.forEach((p, i) => {
    if (p.score === null || !Number.isFinite(p.score)) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push([i, Math.min(1, Math.max(0, p.score))]);
  });
  if (current.length) segments.push(current);
  return segments;
}

const CHART_HEIGHT = 170;
const AXIS_LABEL_WIDTH = 40;

/** A vector line chart of the framework score per day, 0–100 %, with the first and last day under the axis. */
export function drawTrendChart(w: ReportWriter, points: readonly TrendPoint[]): void {
  const doc = w.doc;
  w.ensureSpace(CHART_HEIGHT + 40);
  const x0 = w.left + AXIS_LABEL_WIDTH;
  const y0 = doc.y + 6;
  const width = w.width - AXIS_LABEL_WIDTH - 8;
  const xOf = (i: number) => (points.length <= 1 ? x0 + width / 2 : x0 + (i / (points.length - 1)) * width);
  const yOf = (score: number) => y0 + CHART_HEIGHT * (1 - score);

  doc.save();
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const y = yOf(tick);
    doc.moveTo(x0, y).lineTo(x0 + width, y).lineWidth(0.5).strokeColor(COLOR.grid).stroke();
    w.style(FONT.regular, SIZE.small, COLOR.muted).text(`${tick * 100} %`, w.left, y - 4, {
      width: AXIS_LABEL_WIDTH - 6,
      align: "right",
      lineBreak: false,
    });
  }
  doc.moveTo(x0, y0).lineTo(x0, y0 + CHART_HEIGHT).lineTo(x0 + width, y0 + CHART_HEIGHT);
  doc.lineWidth(1).strokeColor(COLOR.text).stroke();

  doc.lineWidth(1.5).strokeColor(COLOR.text).lineJoin("round");
  for (const segment of trendSegments(points)) {
    const [first, ...rest] = segment;
    if (first === undefined) continue;
    doc.moveTo(xOf(first[0]), yOf(first[1]));
    for (const [i, score] of rest) doc.lineTo(xOf(i), yOf(score));
    if (rest.length) doc.stroke();
    // Each scored day also gets a dot, so a day between two gaps is still visible.
    for (const [i, score] of segment) doc.circle(xOf(i), yOf(score), 1.8).fill(COLOR.text);
  }
  doc.restore();

  const labelY = y0 + CHART_HEIGHT + 4;
  const first = points[0];
  const last = points[points.length - 1];
  w.style(FONT.regular, SIZE.small, COLOR.muted);
  if (first && points.length === 1) doc.text(pdfLine(first.day), x0, labelY, { width, align: "center", lineBreak: false });
  else if (first && last) {
    doc.text(pdfLine(first.day), x0, labelY, { width: width / 2, lineBreak: false });
    doc.text(pdfLine(last.day), x0 + width / 2, labelY, { width: width / 2, align: "right", lineBreak: false });
  }
  doc.x = w.left;
  doc.y = labelY + 18;
}
