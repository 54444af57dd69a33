// Vite's `?worker` import of altcha's proof-of-work worker: a constructor of a same-origin Worker
// (the worker file is emitted under /assets, so the CSP's script-src 'self' covers it).
declare module 'altcha/workers/pbkdf2?worker' {
  const Pbkdf2Worker: { new (options?: { name?: string }): Worker };
  export default Pbkdf2Worker;
}
