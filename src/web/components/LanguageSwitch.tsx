// Two toggle buttons to choose the UI language; the choice is stored (localStorage) by setLanguage.
import { LANGUAGES, setLanguage, useLanguage, useT, type Lang } from '../i18n/index.ts';

/** `onChange` receives the chosen language (also when it is the current one). */
export function LanguageSwitch({ onChange }: { onChange?: (lang: Lang) => void }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-option"
          aria-pressed={lang === l}
          onClick={() => {
            setLanguage(l);
            onChange?.(l);
          }}
        >
          {t(l === 'id' ? 'lang.id' : 'lang.en')}
        </button>
      ))}
    </div>
  );
}
