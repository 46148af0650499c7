import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Riding {
  code: string;
  name: string;
  nameFr: string;
  province: string;
  party: string | null;
  /** The sitting member's name, for the office's letters; null for a vacant seat. */
  mpName: string | null;
}

/** Full names for the parties named in the MP list (see data/SOURCES.md). */
export const PARTIES: Record<string, { name: string; shortName: string }> = {
  Liberal: { name: 'Liberal Party of Canada', shortName: 'LPC' },
  Conservative: { name: 'Conservative Party of Canada', shortName: 'CPC' },
  'Bloc Québécois': { name: 'Bloc Québécois', shortName: 'BQ' },
  NDP: { name: 'New Democratic Party', shortName: 'NDP' },
  'Green Party': { name: 'Green Party of Canada', shortName: 'GPC' },
};

// The files have a header row and no quoted fields (checked in data/SOURCES.md).
function readCsv(dir: string, file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(resolve(dir, file), 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i]]));
  });
}

/** The 343 federal ridings of the 2023 order, their land borders and their MPs (name, party). */
export function loadFederalRidings(dir: string): { ridings: Riding[]; borders: [string, string][] } {
  const mpByCode = new Map(readCsv(dir, 'mps-45th-parliament-2025-07.csv').map((row) => [row.fed_code, row]));
  const ridings = readCsv(dir, 'federal-electoral-districts-2023.csv').map((row) => ({
    code: row.fed_code,
    name: row.name_en,
    nameFr: row.name_fr,
    province: row.province_code,
    party: mpByCode.get(row.fed_code)?.party ?? null, // a vacant seat has no party
    mpName: mpByCode.get(row.fed_code)?.mp_name || null,
  }));
  const borders = readCsv(dir, 'federal-electoral-district-adjacency-2023.csv').map(
    (row) => [row.fed_id_a, row.fed_id_b] as [string, string],
  );
  return { ridings, borders };
}
