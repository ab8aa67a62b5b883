import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Logo({ withTagline = false }: { withTagline?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ display: 'inline-flex', alignItems: 'center', gap: 10, color: 'inherit' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span style={{ fontSize: 20, fontWeight: 700, letterSpacing: 0.5 }}>{t('app.name')}</span>
      {withTagline && <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>{t('app.tagline')}</span>}
    </Link>
  );
}
