import { catalogues, type Locale, type ServiceLevelReport } from '@keel/shared';
import { offsetAt } from '../../platform/calendar/zone.js';
import { type Cell, xlsxWorkbook } from '../../platform/export/spreadsheet.js';

export type ReportSubject = { service: string | null; agreement: string | null };

/** Excel has no time zones: a Date whose UTC fields are the caller's wall clock shows as that local time. */
export const wallClock = (isoTime: string | null, timeZone: string): Date | null => {
  if (isoTime === null) return null;
  const ms = Date.parse(isoTime);
  return new Date(ms + offsetAt(ms, timeZone));
};

const percent = (value: number | null): Cell => (value === null ? null : value);

/** Three sheets in the caller's language: targets, breaches, trend. */
export async function serviceLevelWorkbook(report: ServiceLevelReport, locale: Locale, subject: ReportSubject): Promise<Buffer> {
  const t = catalogues[locale].serviceLevels;
  const label = (l: { en: string; 'zh-CN': string }) => l[locale];
  const any = t.any;
  const heading: Cell[][] = [
    [t.period, t.periodText.replace('{{from}}', report.from).replace('{{to}}', report.to)],
    [t.service, subject.service ?? any],
    [t.agreement, subject.agreement ?? any],
  ];
  const labels = new Map(report.targets.map((x) => [x.key, label(x.label)]));
  return xlsxWorkbook([
    {
      name: t.targets,
      columns: [
        { header: t.target, width: 28 },
        { header: t.total, width: 12 },
        { header: t.met, width: 12 },
        { header: t.breached, width: 12 },
        { header: `${t.attainment} %`, width: 14 },
      ],
      rows: [...report.targets.map((x) => [label(x.label), x.total, x.met, x.breached, percent(x.attainment)]), [], ...heading],
    },
    {
      name: t.breaches,
      columns: [
        { header: t.record, width: 16 },
        { header: t.recordTitle, width: 40 },
        { header: t.target, width: 20 },
        { header: t.dueAt, width: 18, time: true },
        { header: t.breachedAt, width: 18, time: true },
        { header: t.reason, width: 40 },
        { header: t.improvement, width: 16 },
      ],
      rows: report.breaches.items.map((b) => [
        b.record.number,
        b.record.title,
        label(b.target.label),
        wallClock(b.dueAt, report.timeZone),
        wallClock(b.breachedAt, report.timeZone),
        b.reason,
        b.improvement?.number ?? null,
      ]),
    },
    {
      name: t.trend,
      columns: [
        { header: t.bucketStart, width: 12 },
        { header: t.bucketEnd, width: 12 },
        ...report.targets.map((x) => ({ header: `${labels.get(x.key) ?? x.key} %`, width: 16 })),
      ],
      rows: report.trend.map((b) => [b.start, b.end, ...b.targets.map((x) => percent(x.attainment))]),
    },
  ]);
}
