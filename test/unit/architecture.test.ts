import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency rules of docs/architecture.md, checked on every import of the source tree:
// shared is browser-safe and depends on nothing else; web and offline depend only on shared;
// a module reaches another module only through its index.ts; SQL stays out of routes.

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g), ...text.matchAll(/import\('([^']+)'\)/g)].map(
    (m) => m[1]!,
  );
}

function resolved(file: string, spec: string): string | undefined {
  return spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : undefined;
}

const rel = (f: string) => path.relative(root, f);

describe('architecture', () => {
  it('src/shared imports nothing from server, web, offline or cli, and no node: modules (tests aside)', () => {
    const bad = sources(path.join(root, 'src/shared'))
      .filter((f) => !/\.test\.tsx?$/.test(f))
      .flatMap((f) =>
        imports(f)
          .filter((s) => s.startsWith('node:') || /^src\/(server|web|offline|cli)\//.test(resolved(f, s) ?? ''))
          .map((s) => `${rel(f)} → ${s}`),
      );
    expect(bad).toEqual([]);
  });

  it('the web and offline apps depend only on src/shared', () => {
    const bad = ['src/web', 'src/offline'].flatMap((d) =>
      sources(path.join(root, d)).flatMap((f) =>
        imports(f)
          .filter((s) => /^src\/(server|cli)\//.test(resolved(f, s) ?? ''))
          .map((s) => `${rel(f)} → ${s}`),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('a module reaches another module only through its index.ts', () => {
    const bad = sources(path.join(root, 'src/server/modules')).flatMap((f) => {
      const own = rel(f).split('/')[3];
      return imports(f)
        .map((s) => resolved(f, s))
        .filter((r): r is string => !!r && r.startsWith('src/server/modules/'))
        .filter((r) => r.split('/')[3] !== own && !/\/index(\.ts)?$/.test(r))
        .map((r) => `${rel(f)} → ${r}`);
    });
    expect(bad).toEqual([]);
  });

  it('routes hold no SQL: they parse, call a service and present', () => {
    const bad = sources(path.join(root, 'src/server')).filter(
      (f) => f.endsWith('.routes.ts') && /\b(selectFrom|insertInto|updateTable|deleteFrom|sql`)/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(bad.map(rel)).toEqual([]);
  });

  it('routes define no schemas: the contracts of requests and responses are written once, in src/shared/api', () => {
    const bad = sources(path.join(root, 'src/server')).filter(
      (f) => /(\.routes\.ts|[/\\]http[/\\]app\.ts)$/.test(f) && /\bz\.[a-z]+[(.]/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(bad.map(rel)).toEqual([]);
  });
});
