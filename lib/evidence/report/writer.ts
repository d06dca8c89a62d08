import PDFDocument from "pdfkit";
import { pdfLine, pdfText } from "./text";

/**
 * A thin layer over pdfkit for report.pdf: sections that start on a new page, flowing paragraphs and tables that
 * continue across pages with their header repeated. Every string goes through `pdfText`/`pdfLine` here, so no
 * section can hand pdfkit a character the standard fonts cannot encode.
 */

export const FONT = { regular: "Helvetica", bold: "Helvetica-Bold", mono: "Courier" } as const;
/** Dark text on white: readable when printed in black and white. */
export const COLOR = { text: "#111111", muted: "#3a3a3a", rule: "#7a7a7a", grid: "#c4c4c4", fill: "#ebebeb" } as const;
export const SIZE = { body: 10, table: 9, small: 9, h1: 18, h2: 12, title: 26 } as const;
export const MARGINS = { top: 56, bottom: 64, left: 50, right: 50 } as const;

const CELL_PAD = 3;

export type Column<R> = {
  header: string;
  /** Points; "*" takes what the other columns leave. */
  width: number | "*";
  cell: (row: R) => string;
  align?: "left" | "right";
  mono?: boolean;
  bold?: boolean;
};

export class ReportWriter {
  private sectionTitle = "";
  private sections = 0;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a section on a page of its own (the first section takes the document's first page). */
  startSection(title: string): void {
    if (this.sections++ > 0) this.doc.addPage();
    this.sectionTitle = title;
    this.doc.outline.addItem(title);
    this.style(FONT.bold, SIZE.h1).text(title, this.left, this.doc.page.margins.top, { width: this.width });
    this.gap(8);
  }

  /** A new page inside the current section, titled so a reader landing on it knows where they are. */
  continuePage(): void {
    this.doc.addPage();
    this.style(FONT.bold, SIZE.h2, COLOR.muted).text(`${this.sectionTitle} (continued)`, this.left, this.doc.page.margins.top, {
      width: this.width,
    });
    this.gap(6);
  }

  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.continuePage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  heading(text: string): void {
    this.ensureSpace(60);
    this.gap(6);
    this.style(FONT.bold, SIZE.h2).text(pdfLine(text), this.left, this.doc.y, { width: this.width });
    this.gap(4);
  }

  /** Flowing text; pdfkit moves it onto further pages when it is long. */
  paragraph(text: string, opts: { font?: string; size?: number; color?: string; indent?: number } = {}): void {
    const indent = opts.indent ?? 0;
    this.style(opts.font ?? FONT.regular, opts.size ?? SIZE.body, opts.color ?? COLOR.text);
    this.ensureSpace(this.doc.currentLineHeight(true) * 2);
    this.doc.text(pdfText(text), this.left + indent, this.doc.y, { width: this.width - indent });
    this.doc.x = this.left;
  }

  /** A bulleted line whose text wraps under itself, not under the bullet. */
  bullet(text: string, indent = 12): void {
    this.style(FONT.regular, SIZE.body, COLOR.text);
    this.ensureSpace(this.doc.currentLineHeight(true) * 2);
    const y = this.doc.y;
    this.doc.text("-", this.left + indent - 9, y, { lineBreak: false });
    this.doc.text(pdfText(text), this.left + indent, y, { width: this.width - indent });
    this.doc.x = this.left;
  }

  /**
   * A table whose rows wrap and which continues on the next page with its header repeated. A row is never split;
   * a cell taller than a page is cut, saying so, rather than overflowing.
   */
  table<R>(columns: Column<R>[], rows: readonly R[], opts: { header?: boolean; lines?: boolean } = {}): void {
    const header = opts.header ?? true;
    const widths = this.columnWidths(columns);
    const maxRow = this.bottom - this.doc.page.margins.top - 80;
    if (header) {
      this.ensureSpace(60);
      this.drawHeader(columns, widths);
    }
    for (const row of rows) {
      const cells = columns.map((c, i) => this.fitCell(c, pdfText(c.cell(row)), widths[i]!, maxRow));
      const height = Math.max(...cells.map((text, i) => this.cellHeight(columns[i]!, text, widths[i]!))) + 2 * CELL_PAD;
      if (this.doc.y + height > this.bottom) {
        this.continuePage();
        if (header) this.drawHeader(columns, widths);
      }
      this.drawRow(columns, widths, cells, height, opts.lines ?? true);
    }
    this.doc.x = this.left;
    this.gap(6);
  }

  style(font: string, size: number, color: string = COLOR.text): PDFKit.PDFDocument {
    return this.doc.font(font).fontSize(size).fillColor(color);
  }

  private columnWidths<R>(columns: Column<R>[]): number[] {
    const fixed = columns.reduce((sum, c) => sum + (c.width === "*" ? 0 : c.width), 0);
    const flex = columns.filter((c) => c.width === "*").length;
    return columns.map((c) => (c.width === "*" ? Math.max(40, (this.width - fixed) / flex) : c.width));
  }

  private cellFont<R>(column: Column<R>): string {
    return column.mono ? FONT.mono : column.bold ? FONT.bold : FONT.regular;
  }

  private cellHeight<R>(column: Column<R>, text: string, width: number): number {
    this.style(this.cellFont(column), SIZE.table);
    return this.doc.heightOfString(text === "" ? " " : text, { width: width - 2 * CELL_PAD });
  }

  /** Cuts a cell to at most `maxHeight`, by bisection on its length, with a note of how long it was. */
  private fitCell<R>(column: Column<R>, text: string, width: number, maxHeight: number): string {
    if (this.cellHeight(column, text, width) <= maxHeight) return text;
    const note = (n: number) => `${text.slice(0, n)} … [cut: ${text.length} characters]`;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.cellHeight(column, note(mid), width) <= maxHeight) lo = mid;
      else hi = mid - 1;
    }
    return note(lo);
  }

  private drawHeader<R>(columns: Column<R>[], widths: number[]): void {
    this.style(FONT.bold, SIZE.table);
    const texts = columns.map((c) => pdfLine(c.header));
    const height =
      Math.max(...texts.map((t, i) => this.doc.heightOfString(t, { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    const y = this.doc.y;
    this.doc.rect(this.left, y, widths.reduce((a, b) => a + b, 0), height).fill(COLOR.fill);
    this.drawCells(columns, widths, texts, y, true);
    this.rule(y + height, 0.8);
    this.doc.y = y + height;
  }

  private drawRow<R>(columns: Column<R>[], widths: number[], cells: string[], height: number, lines: boolean): void {
    const y = this.doc.y;
    this.drawCells(columns, widths, cells, y, false);
    if (lines) this.rule(y + height, 0.4);
    this.doc.y = y + height;
  }

  private drawCells<R>(columns: Column<R>[], widths: number[], texts: string[], y: number, header: boolean): void {
    let x = this.left;
    columns.forEach((column, i) => {
      this.style(header ? FONT.bold : this.cellFont(column), SIZE.table);
      this.doc.text(texts[i]!, x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, align: column.align ?? "left" });
      x += widths[i]!;
    });
  }

  private rule(y: number, lineWidth: number): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(lineWidth)
      .strokeColor(COLOR.rule)
      .stroke();
  }
}

/** A4 portrait; pages are buffered so the footer can say "page N of M" once all pages exist. */
export function createDocument(info: { title: string; creationDate: Date; creator: string }): PDFKit.PDFDocument {
  return new PDFDocument({
    size: "A4",
    margins: { ...MARGINS },
    bufferPages: true,
    displayTitle: true,
    lang: "en",
    info: {
      Title: pdfLine(info.title),
      Creator: pdfLine(info.creator),
      Producer: "Leash (pdfkit)",
      CreationDate: info.creationDate,
      ModDate: info.creationDate,
    },
  });
}
