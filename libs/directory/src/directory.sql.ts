/**
 * The directory's tables as other contexts may read them inside their own query (one round
 * trip, the table named here only). Arguments are SQL expressions (a column, a parameter
 * such as `$1`), never values.
 */

/**
 * Every office as `officeId` sees it, a subquery to join on `id`: its code and name, whether
 * it borders `officeId` (`neighbour`), and whether it sits with the same party (`same_party`).
 * The planner folds it into the caller's query.
 */
export const officesSeenFromSql = (officeId: string) => `(SELECT o.id, o.code, o.name,
    EXISTS (SELECT 1 FROM office_neighbours n WHERE n.office_id = ${officeId} AND n.neighbour_id = o.id) AS neighbour,
    (o.party_id IS NOT NULL AND o.party_id = (SELECT party_id FROM offices WHERE id = ${officeId})) AS same_party
  FROM offices o)`;
