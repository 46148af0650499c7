/** One candidate office as the suggestions query counts it. */
export interface Candidate {
  office_id: string;
  code: string;
  name: string;
  neighbour: boolean;
  same_party: boolean;
  expertise: number;
  languages: string[] | null;
  open_load: number;
}

/** What the file being handed off asks for. */
export interface FileNeeds {
  /** The immigration type (or, without one, the category) named in the expertise reason. */
  kind: string;
  languages: string[];
}

/**
 * How good a home an office is for a file, with the reasons a person can check: a neighbour
 * (+3), the same party (+2), files of this kind resolved lately (+0.5 each, up to 10), the
 * file's languages spoken (+2 when all are), less 1 for every 50 open files it already holds.
 */
export function scoreCandidate(row: Candidate, needs: FileNeeds) {
  const spoken = row.languages ?? [];
  const wanted = needs.languages.length;
  const reasons: string[] = [];
  let score = 0;
  if (row.neighbour) {
    score += 3;
    reasons.push('neighbouring riding');
  }
  if (row.same_party) {
    score += 2;
    reasons.push('same party');
  }
  if (row.expertise > 0) {
    score += Math.min(row.expertise, 10) * 0.5;
    reasons.push(`${row.expertise} ${needs.kind} files resolved in the last two years`);
  }
  if (wanted > 0 && spoken.length > 0) {
    score += (2 * spoken.length) / wanted;
    reasons.push(`speaks ${spoken.join(', ')}`);
  }
  score -= row.open_load / 50; // a busy office is a worse home for another file
  reasons.push(`${row.open_load} open files`);
  return {
    officeId: row.office_id,
    code: row.code,
    name: row.name,
    score: Math.round(score * 100) / 100,
    reasons,
    neighbour: row.neighbour,
    sameParty: row.same_party,
    expertise: row.expertise,
    languages: spoken,
    openLoad: row.open_load,
  };
}

/** Best first; equal scores by office code, so the order is stable. */
export function rankCandidates(rows: Candidate[], needs: FileNeeds, limit = 20) {
  return rows
    .map((row) => scoreCandidate(row, needs))
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
    .slice(0, limit);
}
