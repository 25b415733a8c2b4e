import { Segmented } from 'antd';
import { useLang, type Lang } from '../../i18n/index.tsx';

/** VI / EN switch; the choice is persisted by the LangProvider. */
export function LangSwitch() {
  const { lang, setLang, t } = useLang();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: 'VI', value: 'vi', title: 'Tiếng Việt' },
        { label: 'EN', value: 'en', title: 'English' },
      ]}
      aria-label={t('lang.switch')}
      data-testid="lang-switch"
    />
  );
}
