// Entry point of the online web application.
import { mountApp } from '../shared/ui/mount.tsx';
import { App } from './App.tsx';
import { getLanguage } from './i18n/index.ts';
import './styles.css';

mountApp(App, getLanguage());
