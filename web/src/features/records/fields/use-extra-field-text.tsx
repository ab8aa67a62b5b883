import type { ReactNode } from 'react';
import { useLocale } from '../../../app/i18n';
import type { RecordTypeUi } from '../record-types';
import { ExtraFieldValue } from './extra-field-value';
import { useExtensionLabel } from './extra-form-items';
import { useRecordFields } from './use-record-fields';

/** How the timeline names and shows a change of `extension.<key>` or `custom.<key>`; null for any other field. */
export type ExtraFieldText = { label: (path: string) => string | null; value: (path: string, value: unknown) => ReactNode | null };

export function useExtraFieldText(type: RecordTypeUi): ExtraFieldText {
  const locale = useLocale();
  const fields = useRecordFields(type);
  const extensionLabel = useExtensionLabel(type);
  const find = (path: string) => {
    const [group, key] = path.split('.');
    if (!key) return null;
    if (group === 'extension') {
      const field = fields.extras.extension.find((f) => f.key === key);
      return { label: extensionLabel(key), kind: field?.kind ?? 'text', custom: undefined };
    }
    if (group === 'custom') {
      const field = fields.custom.find((f) => f.key === key);
      return { label: field?.label[locale] ?? key, kind: field?.kind ?? 'text', custom: field };
    }
    return null;
  };
  return {
    label: (path) => find(path)?.label ?? null,
    value: (path, value) => {
      const found = find(path);
      return found ? <ExtraFieldValue kind={found.kind} value={value} field={found.custom} /> : null;
    },
  };
}
