// Vite's `?worker` import of the captcha's proof-of-work worker: a constructor of a same-origin
// Worker (the worker file is emitted under /assets, so the CSP's script-src 'self' covers it).
declare module '*?worker' {
  const WorkerConstructor: { new (options?: { name?: string }): Worker };
  export default WorkerConstructor;
}
