import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import type { SlaClock } from '@keel/shared';
import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../app/format';
import { useLocale } from '../../../app/i18n';
import { type DurationUnit, formatDuration, type SlaTone, slaView } from './sla-clock';
import { useNow } from './use-now';

const TONE_COLORS: Record<SlaTone, string> = { normal: 'blue', warning: 'orange', breached: 'red' };

/** One SLA clock: a live countdown while running, used minutes while paused, met or missed once stopped. */
export function SlaBadge({ clock, compact }: { clock: SlaClock; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatTime = useFormatDateTime();
  const now = useNow(clock.state === 'running' && clock.dueAt !== null);
  const view = slaView(clock, now);
  if (view.kind === 'cancelled') return null;
  const label = clock.label[locale];
  const unit = (u: DurationUnit, n: number) => t(`engine.sla.units.${u}`, { n });

  let color: string;
  let text: string;
  if (view.kind === 'stopped') {
    color = view.met ? 'success' : 'error';
    text = t(view.met ? 'engine.sla.met' : 'engine.sla.missed', { label });
  } else if (view.kind === 'paused') {
    color = view.tone === 'breached' ? 'red' : 'default';
    text = t('engine.sla.paused', { label, used: view.usedMinutes, target: view.targetMinutes });
  } else {
    color = TONE_COLORS[view.tone];
    const time = view.remainingMs === null ? '' : formatDuration(view.remainingMs, unit);
    text =
      view.remainingMs === null
        ? t('engine.sla.running', { label })
        : view.remainingMs > 0
          ? t('engine.sla.dueIn', { label, time })
          : t('engine.sla.overdue', { label, time });
  }
  const details = [
    t('engine.sla.target', { minutes: clock.targetMinutes }),
    clock.dueAt && clock.state === 'running' ? t('engine.sla.dueAt', { time: formatTime(clock.dueAt) }) : null,
    clock.breachedAt ? t('engine.sla.breachedAt', { time: formatTime(clock.breachedAt) }) : null,
  ].filter((line) => line !== null);

  return (
    <Tooltip title={details.join(' · ')}>
      <Tag
        color={color}
        icon={view.kind === 'paused' ? <PauseCircleOutlined /> : <ClockCircleOutlined />}
        style={compact ? { marginInlineEnd: 4, fontSize: 12 } : undefined}
        data-testid="sla-badge"
        data-state={clock.state}
        data-tone={view.kind === 'running' || view.kind === 'paused' ? view.tone : view.met ? 'met' : 'missed'}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}

/** Every clock of a record: side by side in the record header, one under the other in a list's cell. */
export function SlaBadges({ clocks, compact }: { clocks: readonly SlaClock[]; compact?: boolean }) {
  const badges = clocks.map((clock) => <SlaBadge key={clock.target} clock={clock} compact={compact} />);
  if (!compact) return badges;
  return (
    <Flex vertical gap={2} align="flex-start">
      {badges}
    </Flex>
  );
}
