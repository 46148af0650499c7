import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@relay/platform';
import { CaseTransfers } from '@relay/cases';

interface CandidateRow {
  office_id: string;
  code: string;
  name: string;
  neighbour: boolean;
  same_party: boolean;
  expertise: number;
  languages: string[] | null;
  open_load: number;
}

/**
 * Ranks the offices the caller shares a channel with for one of its files. A read model
 * over several contexts' tables, so it is one query; it returns counts per office, never
 * another office's files.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly files: CaseTransfers,
  ) {}

  async suggest(actor: Actor, caseId: string) {
    const kase = await this.files.ownFile(actor, caseId, undefined, false); // a read: no lock
    const rows = (await this.dataSource.query(
      `WITH candidates AS (
         SELECT DISTINCT theirs.office_id FROM channel_members ours
         JOIN channel_members theirs ON theirs.channel_id = ours.channel_id
         WHERE ours.office_id = $1 AND theirs.office_id <> $1)
       SELECT o.id AS office_id, o.code, o.name,
         EXISTS (SELECT 1 FROM office_neighbours n WHERE n.office_id = $1 AND n.neighbour_id = o.id) AS neighbour,
         (o.party_id IS NOT NULL AND o.party_id = (SELECT party_id FROM offices WHERE id = $1)) AS same_party,
         (SELECT count(*)::int FROM cases c WHERE c.handling_office_id = o.id AND c.immigration_type = $2
            AND c.status IN ('resolved', 'closed') AND c.updated_at > now() - interval '2 years') AS expertise,
         (SELECT array_agg(DISTINCT l) FROM users u CROSS JOIN unnest(u.languages) AS l
            WHERE u.office_id = o.id AND u.active AND l = ANY ($3::text[])) AS languages,
         (SELECT count(*)::int FROM cases c WHERE c.handling_office_id = o.id
            AND c.status IN ('open', 'awaiting_ircc', 'escalated')) AS open_load
       FROM candidates JOIN offices o ON o.id = candidates.office_id`,
      [actor.officeId, kase.immigrationType, kase.languages],
    )) as CandidateRow[];
    const wanted = kase.languages.length;
    const ranked = rows.map((row) => {
      const spoken = row.languages ?? [];
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
        reasons.push(`${row.expertise} ${kase.immigrationType ?? kase.category} files resolved in the last two years`);
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
    });
    ranked.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
    return { caseId, items: ranked.slice(0, 20) };
  }
}
