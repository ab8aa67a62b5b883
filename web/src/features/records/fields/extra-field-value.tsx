import type { CustomField } from '@keel/shared';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../../app/format';
import { useLocale } from '../../../app/i18n';
import { recordPath, recordTypeOfNumber } from '../record-types';
import { ReferenceName } from '../timeline/reference-name';
import type { ExtraKind } from './extra-values';

type Props = { kind: ExtraKind; value: unknown; field?: CustomField };

/** A stored extra value as the fields panel shows it: times in the user's zone, choices and people by name, records as links. */
export function ExtraFieldValue({ kind, value, field }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatTime = useFormatDateTime();
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">{t('records.noValue')}</Typography.Text>;
  if (kind === 'time' && typeof value === 'string') return <>{formatTime(value)}</>;
  if (kind === 'boolean') return <>{value === true ? t('records.yes') : t('records.no')}</>;
  if (kind === 'user' && typeof value === 'number') return <ReferenceName kind="user" id={value} />;
  if (kind === 'choice' && typeof value === 'string') {
    return <>{field?.options.choices?.find((c) => c.key === value)?.label[locale] ?? value}</>;
  }
  if (kind === 'reference' && typeof value === 'string') {
    const type = recordTypeOfNumber(value);
    return type ? <Link to={recordPath(type, value)}>{value}</Link> : value;
  }
  return <>{typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)}</>;
}
