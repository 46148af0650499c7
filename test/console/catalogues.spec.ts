import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const I18N = new URL('../../apps/console/src/i18n/', import.meta.url).pathname;
const SRC = new URL('../../apps/console/src/', import.meta.url).pathname;
const read = (language: string) =>
  JSON.parse(readFileSync(`${I18N}${language}.json`, 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('console catalogues', () => {
  const en = read('en');
  const fr = read('fr');

  it('English and French have the same keys and no empty value', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(fr)]) {
      expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('French is not English left untranslated (beyond words both languages share)', () => {
    const same = Object.keys(en).filter((key) => en[key] === fr[key]);
    expect(same.length).toBeLessThan(Object.keys(en).length / 8);
  });

  it('every enumeration value the console shows has a catalogue entry', () => {
    const enums = readFileSync(`${SRC}ui/enums.ts`, 'utf8');
    const families: Record<string, string> = {
      CATEGORIES: 'category',
      IMMIGRATION_TYPES: 'immigrationType',
      URGENCIES: 'urgency',
      COMPLEXITIES: 'complexity',
      STATUSES: 'status',
      SEVERITIES: 'severity',
      INTERACTION_KINDS: 'interactionKind',
      DIRECTIONS: 'direction',
    };
    for (const [constant, family] of Object.entries(families)) {
      const list = new RegExp(`${constant} = \\[([^\\]]*)\\]`).exec(enums)![1]!;
      for (const [, value] of list.matchAll(/'([a-z_]+)'/g)) expect(en).toHaveProperty([`${family}.${value}`]);
    }
  });

  it('every message id the components name exists', () => {
    for (const file of sources(SRC)) {
      for (const [, id] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z.]+)'/g)) {
        expect({ file, id, known: id! in en }).toEqual({ file, id, known: true });
      }
    }
  });
});
