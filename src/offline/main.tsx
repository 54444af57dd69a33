// Entry point of the offline operator application.
import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { storedLang } from './i18n.ts';
import { registerServiceWorker } from './sw-register.tsx';
import './styles.css';

document.documentElement.lang = storedLang();

void registerServiceWorker();
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
