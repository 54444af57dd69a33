// Registers the service worker (sw.js next to index.html, scope "./": the app works under
// /offline/ of the online server and at the root of a local folder alike). A new version of the
// worker takes over as soon as it is installed, and the page keeps the code it started with; the
// new version runs from the next load on. While the app is open, a banner offers to reload now.

import { useEffect, useState } from 'react';
import { useT } from './i18n.ts';

let updated = false;
const listeners = new Set<() => void>();
const announce = () => {
  updated = true;
  for (const l of listeners) l();
};

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !isSecureContext) return;
  try {
    const hadController = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // First install: the worker just claimed this page, nothing to announce.
      if (!hadController) return;
      announce();
    });
    await navigator.serviceWorker.register('./sw.js', { scope: './' });
    // This page runs the version it was loaded with; when that is the worker's version, the
    // worker may drop the caches of older versions. If a newer worker already took over before
    // this script ran, its answer says so and the page offers a reload.
    const reg = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<{ current?: boolean }>) => {
      if (e.data?.current === false && hadController) announce();
    };
    reg.active?.postMessage({ type: 'CLEANUP', script: import.meta.url }, [channel.port2]);
  } catch (err) {
    console.warn('service worker registration failed', err);
  }
}

export function UpdateBanner() {
  const t = useT();
  const [ready, setReady] = useState(updated);
  useEffect(() => {
    const l = () => setReady(true);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  if (!ready) return null;
  return (
    <div className="update no-print" role="status">
      {t('app.update')}{' '}
      <button type="button" className="btn" onClick={() => location.reload()}>
        {t('app.updateNow')}
      </button>
    </div>
  );
}
