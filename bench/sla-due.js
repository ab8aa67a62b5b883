// Issue 4 target: computing 100,000 SLA due times on a calendar with holidays takes ≤ 1 s.
// Run after `npm run build`: node bench/sla-due.js
import { performance } from 'node:perf_hooks';
import { BusinessCalendar } from '../server/dist/platform/calendar/business-time.js';
import { CHINA_STATUTORY_YEARS } from '../server/dist/platform/calendar/china.js';
import { withStatutoryYears } from '../server/dist/platform/calendar/statutory.js';

const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const definition = withStatutoryYears(
  { timeZone: 'Asia/Shanghai', weekly: [office, office, office, office, office, [], []], holidays: [], workdays: [], exceptions: [] },
  CHINA_STATUTORY_YEARS,
);
const COUNT = 100_000;
const start = Date.parse('2025-01-01T00:00:00+08:00');
const span = Date.parse('2026-12-01T00:00:00+08:00') - start;
// A fixed pseudo-random sequence, so runs compare: opening times over two years, targets from 15 minutes to 10 working days.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const cases = Array.from({ length: COUNT }, () => [start + Math.floor(random() * span), 15 + Math.floor(random() * 4800)]);

function run(label, calendar) {
  const t0 = performance.now();
  let checksum = 0;
  for (const [from, minutes] of cases) checksum = (checksum + calendar.addMinutes(from, minutes)) % 1_000_003;
  const ms = performance.now() - t0;
  console.log(
    `${label}: ${COUNT.toLocaleString('en')} due times in ${ms.toFixed(0)} ms (${ms <= 1000 ? 'pass' : 'FAIL'} ≤ 1000 ms), checksum ${checksum}`,
  );
  return ms;
}

run('cold calendar (every day computed on first use)', new BusinessCalendar(definition));
const warm = new BusinessCalendar(definition);
run('warming', warm);
run('warm calendar', warm);
