// The start of both browser apps (web and offline): the page's language, then the app in #root.

import { type ComponentType, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/** Sets the document language and renders `App` into the #root element of index.html (in StrictMode). */
export function mountApp(App: ComponentType, lang: string): void {
  document.documentElement.lang = lang;
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
