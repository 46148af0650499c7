import { type Candidate, rankCandidates, scoreCandidate } from './suggestion-score.js';

const office = (code: string, over: Partial<Candidate> = {}): Candidate => ({
  office_id: `id-${code}`,
  code,
  name: `Office ${code}`,
  neighbour: false,
  same_party: false,
  expertise: 0,
  languages: null,
  open_load: 0,
  ...over,
});
const needs = { kind: 'spousal_sponsorship', languages: ['fr', 'es'] };

describe('handoff suggestions', () => {
  it('adds up each reason and says why', () => {
    const scored = scoreCandidate(
      office('A', { neighbour: true, same_party: true, expertise: 4, languages: ['fr'], open_load: 25 }),
      needs,
    );
    expect(scored.score).toBe(3 + 2 + 2 + 1 - 0.5);
    expect(scored.reasons).toEqual([
      'neighbouring riding',
      'same party',
      '4 spousal_sponsorship files resolved in the last two years',
      'speaks fr',
      '25 open files',
    ]);
  });

  it('caps expertise at ten files', () => {
    expect(scoreCandidate(office('A', { expertise: 40 }), needs).score).toBe(5);
  });

  it('gives no language credit when the file names no language', () => {
    expect(scoreCandidate(office('A', { languages: ['fr'] }), { ...needs, languages: [] }).score).toBe(0);
  });

  it('ranks best first, ties by code, at most the limit', () => {
    const rows = [office('C'), office('B', { neighbour: true }), office('A'), office('D', { open_load: 100 })];
    expect(rankCandidates(rows, needs, 3).map((row) => row.code)).toEqual(['B', 'A', 'C']);
  });
});
