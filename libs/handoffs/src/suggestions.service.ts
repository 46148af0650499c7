import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type OfficeActor, rowsOf } from '@relay/platform';
import { CaseTransfers, openFileSql, doneFileSql } from '@relay/cases';
import { officesSeenFromSql } from '@relay/directory';
import { languagesSpokenSql } from '@relay/identity';
import { type Candidate, rankCandidates } from './suggestion-score.js';

/**
 * Ranks the offices the caller shares a channel with for one of its files. A read model
 * over several contexts' tables (the directory's and identity's through their SQL
 * fragments), so it is one query; it returns counts per office, never another office's files.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly files: CaseTransfers,
  ) {}

  async suggest(actor: OfficeActor, caseId: string) {
    const kase = await this.files.ownFile(actor, caseId, undefined, false); // a read: no lock
    const rows = rowsOf<Candidate>(
      await this.dataSource.query(
        `WITH candidates AS (
           SELECT DISTINCT theirs.office_id FROM channel_members ours
           JOIN channel_members theirs ON theirs.channel_id = ours.channel_id
           WHERE ours.office_id = $1 AND theirs.office_id <> $1)
         SELECT o.id AS office_id, o.code, o.name, o.neighbour, o.same_party,
           (SELECT count(*)::int FROM cases c WHERE c.handling_office_id = o.id AND c.immigration_type = $2
              AND ${doneFileSql('c')} AND c.updated_at > now() - interval '2 years') AS expertise,
           ${languagesSpokenSql('o.id', '$3::text[]')} AS languages,
           (SELECT count(*)::int FROM cases c WHERE c.handling_office_id = o.id
              AND ${openFileSql('c')}) AS open_load
         FROM candidates JOIN ${officesSeenFromSql('$1')} o ON o.id = candidates.office_id`,
        [actor.officeId, kase.immigrationType, kase.languages],
      ),
    );
    const needs = { kind: kase.immigrationType ?? kase.category, languages: kase.languages };
    return { caseId, items: rankCandidates(rows, needs) };
  }
}
