import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../app/use-is-phone';

type Props = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  width?: number;
  saving: boolean;
  /** Null hides the save button (a record the user may only look at). */
  onSave: (() => void) | null;
  saveDisabled?: boolean;
  saveTestId: string;
  children: ReactNode;
};

/** The create/edit drawer every admin screen uses: full screen on a phone, cancel and save at the foot. */
export function FormDrawer({ open, onClose, title, width = 520, saving, onSave, saveDisabled, saveTestId, children }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : width}
      destroyOnHidden
      title={title}
      footer={
        onSave && (
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} disabled={saveDisabled} onClick={onSave} data-testid={saveTestId}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {children}
    </Drawer>
  );
}
