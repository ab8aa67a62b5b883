import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import '../../../app/dates';
import { createExtra, type ExtraField, formValues, updateExtra, wireValue } from './extra-values';

const zone = 'Asia/Shanghai';
const dueAt: ExtraField = { key: 'dueAt', kind: 'time', required: false };
const planned: ExtraField = { key: 'plannedMinutes', kind: 'number', required: false };
const site: ExtraField = { key: 'site', kind: 'text', required: true };
const opened: ExtraField = { key: 'opened_on', kind: 'date', required: false };
const ref: ExtraField = { key: 'change', kind: 'reference', required: false };
const owner: ExtraField = { key: 'owner', kind: 'user', required: false };
const fields = [dueAt, planned, site, opened, ref, owner];

describe('extra field values', () => {
  it('shows a stored time as wall-clock time in the user’s zone and a day as that day', () => {
    const values = formValues(fields, { dueAt: '2026-03-02T01:30:00.000Z', opened_on: '2026-02-28', site: 'Pudong' }, zone);
    const due = values.dueAt;
    expect(dayjs.isDayjs(due) && due.format('YYYY-MM-DD HH:mm')).toBe('2026-03-02 09:30');
    const day = values.opened_on;
    expect(dayjs.isDayjs(day) && day.format('YYYY-MM-DD')).toBe('2026-02-28');
    expect(values.site).toBe('Pudong');
    expect(values.plannedMinutes).toBeNull();
  });

  it('sends a picked time as the instant it means in the user’s zone, a day as YYYY-MM-DD', () => {
    expect(wireValue(dueAt, dayjs('2026-03-02T09:30:00'), zone)).toBe('2026-03-02T01:30:00.000Z');
    expect(wireValue(opened, dayjs('2026-03-01T00:00:00'), zone)).toBe('2026-03-01');
    expect(wireValue(ref, ' task-000042 ', zone)).toBe('TASK-000042');
    expect(wireValue(site, '   ', zone)).toBeNull();
  });

  it('creates with the filled fields only', () => {
    expect(createExtra(fields, { site: ' Pudong ', plannedMinutes: 90, owner: null, change: '' }, zone)).toEqual({
      site: 'Pudong',
      plannedMinutes: 90,
    });
    expect(createExtra(fields, undefined, zone)).toEqual({});
  });

  it('edits only what changed, clearing with null, and ignores milliseconds a picker cannot show', () => {
    const stored = { dueAt: '2026-03-02T01:30:00.123Z', plannedMinutes: 90, site: 'Pudong', owner: 7 };
    const untouched = formValues(fields, stored, zone);
    expect(updateExtra(fields, untouched, stored, zone)).toEqual({});
    expect(updateExtra(fields, { ...untouched, plannedMinutes: null, owner: 9, change: 'task-000001' }, stored, zone)).toEqual({
      plannedMinutes: null,
      owner: 9,
      change: 'TASK-000001',
    });
  });
});
