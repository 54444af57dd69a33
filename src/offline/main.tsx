// Entry point of the offline operator application.
import './zod-config.ts';
import { mountApp } from '../shared/ui/mount.tsx';
import { App } from './App.tsx';
import { storedLang } from './i18n.ts';
import { registerServiceWorker } from './sw-register.tsx';
import './styles.css';

void registerServiceWorker();
mountApp(App, storedLang());
