import { access } from 'node:fs/promises';
import { catalogues, type Locale, type ServiceLevelReport } from '@keel/shared';
import { AppError } from '../../platform/errors.js';
import { formatWallClock } from '../../platform/export/spreadsheet.js';
import { type ReportSubject, wallClock } from './workbook.js';

/** Debian's fonts-noto-cjk: the one font that writes both Chinese and English. */
export const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const CJK_FONT_NAME = 'NotoSansCJKsc-Regular';

/** Breaches listed in the PDF; the rest are in the Excel export. */
export const PDF_BREACHES = 100;

async function fontPresent(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

type Column = { header: string; width: number };

/** A one-font report: title, period and subject, the targets table, the first breaches, the trend as a table. */
export async function serviceLevelPdf(
  report: ServiceLevelReport,
  locale: Locale,
  subject: ReportSubject,
  fontFile: string = CJK_FONT_FILE,
): Promise<Buffer> {
  if (!(await fontPresent(fontFile)))
    throw new AppError('pdf_font_missing', `The font ${fontFile} is missing: install the fonts-noto-cjk package on the server`);
  // pdfkit is large: loaded on the first PDF, not at start-up.
  const { default: PDFDocument } = await import('pdfkit');
  const t = catalogues[locale].serviceLevels;
  const label = (l: { en: string; 'zh-CN': string }) => l[locale];
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: t.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontFile, CJK_FONT_NAME);
  doc.font('cjk');

  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const table = (columns: Column[], rows: string[][]) => {
    const rowHeight = 16;
    const line = (cells: string[], bold: boolean) => {
      if (doc.y + rowHeight > bottom()) doc.addPage();
      const y = doc.y;
      let x = left;
      doc.fontSize(9).fillColor(bold ? '#000000' : '#222222');
      cells.forEach((cell, i) => {
        const width = columns[i]?.width ?? 80;
        doc.text(cell, x + 2, y + 3, { width: width - 4, height: rowHeight - 2, ellipsis: true, lineBreak: false });
        x += width;
      });
      doc
        .moveTo(left, y + rowHeight)
        .lineTo(x, y + rowHeight)
        .lineWidth(bold ? 0.8 : 0.3)
        .strokeColor('#999999')
        .stroke();
      doc.x = left;
      doc.y = y + rowHeight;
    };
    line(
      columns.map((c) => c.header),
      true,
    );
    for (const row of rows) line(row, false);
    doc.moveDown(1);
  };
  const heading = (text: string) => {
    if (doc.y + 40 > bottom()) doc.addPage();
    doc.x = left;
    doc.fontSize(13).fillColor('#000000').text(text);
    doc.moveDown(0.3);
  };
  const pct = (value: number | null) => (value === null ? '—' : `${value}%`);
  const time = (value: string | null) => {
    const wall = wallClock(value, report.timeZone);
    return wall ? formatWallClock(wall) : '—';
  };

  doc.fontSize(18).text(t.title);
  doc.moveDown(0.3);
  doc.fontSize(10).fillColor('#333333');
  doc.text(`${t.period}: ${t.periodText.replace('{{from}}', report.from).replace('{{to}}', report.to)} (${report.timeZone})`);
  doc.text(`${t.service}: ${subject.service ?? t.any}    ${t.agreement}: ${subject.agreement ?? t.any}`);
  doc.text(t.generated.replace('{{at}}', time(new Date().toISOString())).replace('{{zone}}', report.timeZone));
  doc.moveDown(1);

  heading(t.targets);
  if (report.targets.length === 0) doc.fontSize(10).text(t.noData).moveDown(1);
  else
    table(
      [
        { header: t.target, width: 220 },
        { header: t.total, width: 90 },
        { header: t.met, width: 90 },
        { header: t.breached, width: 90 },
        { header: t.attainment, width: 90 },
      ],
      report.targets.map((x) => [label(x.label), String(x.total), String(x.met), String(x.breached), pct(x.attainment)]),
    );

  heading(t.breaches);
  const shown = report.breaches.items.slice(0, PDF_BREACHES);
  table(
    [
      { header: t.record, width: 90 },
      { header: t.recordTitle, width: 200 },
      { header: t.target, width: 100 },
      { header: t.breachedAt, width: 100 },
      { header: t.reason, width: 200 },
      { header: t.improvement, width: 80 },
    ],
    shown.map((b) => [
      b.record.number,
      b.record.title,
      label(b.target.label),
      time(b.breachedAt),
      b.reason ?? t.noReason,
      b.improvement?.number ?? '',
    ]),
  );
  if (report.breaches.items.length > shown.length || report.breaches.nextCursor !== null)
    doc
      .fontSize(9)
      .fillColor('#666666')
      .text(t.firstBreaches.replace('{{shown}}', String(shown.length)))
      .moveDown(1);

  heading(t.trend);
  table(
    [
      { header: t.bucketStart, width: 80 },
      { header: t.bucketEnd, width: 80 },
      ...report.targets.map((x) => ({
        header: label(x.label),
        width: Math.max(80, Math.min(160, 560 / Math.max(1, report.targets.length))),
      })),
    ],
    report.trend.map((b) => [b.start, b.end, ...b.targets.map((x) => pct(x.attainment))]),
  );
  doc.end();
  return done;
}
