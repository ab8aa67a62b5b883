import type { StatutoryYear } from '@keel/shared';

/**
 * Mainland China's public holidays and make-up working days (调休), as published each
 * year by the General Office of the State Council. To add a year, append its notice here
 * in the same shape (or import it as a file: docs/calendars.md); a test checks every year
 * against the `chinese-days` data set.
 */
export const CHINA_STATUTORY_YEARS: StatutoryYear[] = [
  {
    region: 'CN',
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      { from: '2025-01-01', to: '2025-01-01', name: { 'zh-CN': '元旦', en: "New Year's Day" } },
      { from: '2025-01-28', to: '2025-02-04', name: { 'zh-CN': '春节', en: 'Spring Festival' } },
      { from: '2025-04-04', to: '2025-04-06', name: { 'zh-CN': '清明节', en: 'Qingming Festival' } },
      { from: '2025-05-01', to: '2025-05-05', name: { 'zh-CN': '劳动节', en: 'Labour Day' } },
      { from: '2025-05-31', to: '2025-06-02', name: { 'zh-CN': '端午节', en: 'Dragon Boat Festival' } },
      { from: '2025-10-01', to: '2025-10-08', name: { 'zh-CN': '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' } },
    ],
    workdays: [
      { date: '2025-01-26', name: { 'zh-CN': '春节调休', en: 'Spring Festival make-up day' } },
      { date: '2025-02-08', name: { 'zh-CN': '春节调休', en: 'Spring Festival make-up day' } },
      { date: '2025-04-27', name: { 'zh-CN': '劳动节调休', en: 'Labour Day make-up day' } },
      { date: '2025-09-28', name: { 'zh-CN': '国庆节调休', en: 'National Day make-up day' } },
      { date: '2025-10-11', name: { 'zh-CN': '国庆节调休', en: 'National Day make-up day' } },
    ],
  },
  {
    region: 'CN',
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      { from: '2026-01-01', to: '2026-01-03', name: { 'zh-CN': '元旦', en: "New Year's Day" } },
      { from: '2026-02-15', to: '2026-02-23', name: { 'zh-CN': '春节', en: 'Spring Festival' } },
      { from: '2026-04-04', to: '2026-04-06', name: { 'zh-CN': '清明节', en: 'Qingming Festival' } },
      { from: '2026-05-01', to: '2026-05-05', name: { 'zh-CN': '劳动节', en: 'Labour Day' } },
      { from: '2026-06-19', to: '2026-06-21', name: { 'zh-CN': '端午节', en: 'Dragon Boat Festival' } },
      { from: '2026-09-25', to: '2026-09-27', name: { 'zh-CN': '中秋节', en: 'Mid-Autumn Festival' } },
      { from: '2026-10-01', to: '2026-10-07', name: { 'zh-CN': '国庆节', en: 'National Day' } },
    ],
    workdays: [
      { date: '2026-01-04', name: { 'zh-CN': '元旦调休', en: "New Year's Day make-up day" } },
      { date: '2026-02-14', name: { 'zh-CN': '春节调休', en: 'Spring Festival make-up day' } },
      { date: '2026-02-28', name: { 'zh-CN': '春节调休', en: 'Spring Festival make-up day' } },
      { date: '2026-05-09', name: { 'zh-CN': '劳动节调休', en: 'Labour Day make-up day' } },
      { date: '2026-09-20', name: { 'zh-CN': '国庆节调休', en: 'National Day make-up day' } },
      { date: '2026-10-10', name: { 'zh-CN': '国庆节调休', en: 'National Day make-up day' } },
    ],
  },
];
