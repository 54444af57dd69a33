// The words a field value is shown with (Ya/Tidak, the empty mark) in the user's language.
import { useMemo } from 'react';
import type { ValueTexts } from '../../dictionary.ts';
import { useLocale, useT } from '../../i18n/index.ts';

export function useValueTexts(): ValueTexts {
  const t = useT();
  const locale = useLocale();
  return useMemo(() => ({ yes: t('value.yes'), no: t('value.no'), empty: t('value.empty'), locale }), [t, locale]);
}
