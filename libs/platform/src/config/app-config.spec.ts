import { readFileSync } from 'node:fs';
import { declaredVariables, loadConfig } from './app-config.js';

// The variables AppConfig declares, read from its source: `NAME?: type` or `NAME = default`.
const source = readFileSync(new URL('./app-config.ts', import.meta.url), 'utf8');
const declared = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+)[?!]?(?::[^=;]+)?(?: = [^;]+)?;$/gm)].map((m) => m[1]!);

describe('configuration', () => {
  it('finds the variables it checks for in the source', () => {
    expect(declared).toEqual(expect.arrayContaining(['DATABASE_URL', 'METRICS_TOKEN', 'PORT', 'LOG_LEVEL']));
  });

  it('knows every variable the class declares, with or without a default', () => {
    expect([...declaredVariables()].sort()).toEqual([...declared].sort());
  });

  it('reads every declared variable, optional ones with no default included', () => {
    // An empty string is "unset" to some variables and an error to others; what matters is that
    // setting one to nonsense never goes unnoticed because the loader did not know its name.
    const ignored = declared.filter((name) => {
      try {
        const config = loadConfig({ [name]: ' nonsense value ' }) as unknown as Record<string, unknown>;
        return config[name] === undefined;
      } catch (error) {
        return !String(error).includes(name);
      }
    });
    expect(ignored).toEqual([]);
  });

  it('keeps an optional variable with no default', () => {
    expect(loadConfig({ DOCUMENT_STORE_URL: 'http://127.0.0.1:9000/relay-docs' }).DOCUMENT_STORE_URL).toBe(
      'http://127.0.0.1:9000/relay-docs',
    );
  });
});
