import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OfficeActor } from '@relay/platform';
import { CaseTransfers, openFileSql, doneFileSql } from '@relay/cases';
import { type Candidate, rankCandidates } from './suggestion-score.js';

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

  async suggest(actor: OfficeActor, caseId: string) {
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
            AND ${doneFileSql('c')} AND c.updated_at > now() - interval '2 years') AS expertise,
         (SELECT array_agg(DISTINCT l) FROM users u CROSS JOIN unnest(u.languages) AS l
            WHERE u.office_id = o.id AND u.active AND l = ANY ($3::text[])) AS languages,
         (SELECT count(*)::int FROM cases c WHERE c.handling_office_id = o.id
            AND ${openFileSql('c')}) AS open_load
       FROM candidates JOIN offices o ON o.id = candidates.office_id`,
      [actor.officeId, kase.immigrationType, kase.languages],
    )) as Candidate[];
    const needs = { kind: kase.immigrationType ?? kase.category, languages: kase.languages };
    return { caseId, items: rankCandidates(rows, needs) };
  }
}
