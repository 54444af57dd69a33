// Registers the service worker (sw.js, next to index.html; scope "./", so the app works under
// /offline/ of the online server and from the root of a local folder alike) and activates a new
// version on the next load: a waiting worker found at start-up takes over and the page reloads
// once; one that arrives while the app is open is offered through a banner.

import { useEffect, useState } from 'react';
import { useT } from './i18n.ts';

let waiting: ServiceWorker | null = null;
const listeners = new Set<() => void>();

function activate(worker: ServiceWorker) {
  let reloaded = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloaded) return;
    reloaded = true;
    location.reload();
  });
  worker.postMessage({ type: 'SKIP_WAITING' });
}

/** Registers the worker; resolves true when the page is about to reload into a newer version. */
export async function registerServiceWorker(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !isSecureContext) return false;
  try {
    const reg = await navigator.serviceWorker.register('./sw.js', { scope: './' });
    // A version installed during an earlier visit: activate it now, before the app starts.
    if (reg.waiting && navigator.serviceWorker.controller) {
      activate(reg.waiting);
      return true;
    }
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => {
        if (w.state === 'installed' && navigator.serviceWorker.controller) {
          waiting = w;
          for (const l of listeners) l();
        }
      });
    });
  } catch (err) {
    console.warn('service worker registration failed', err);
  }
  return false;
}

export function UpdateBanner() {
  const t = useT();
  const [ready, setReady] = useState(waiting !== null);
  useEffect(() => {
    const l = () => setReady(true);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  if (!ready || !waiting) return null;
  return (
    <div className="update no-print" role="status">
      {t('app.update')}{' '}
      <button type="button" className="btn" onClick={() => waiting && activate(waiting)}>
        {t('app.updateNow')}
      </button>
    </div>
  );
}
