/**
 * The users table as other contexts may read it inside their own query (one round trip, the
 * table named here only). Arguments are SQL expressions (a column, a parameter such as
 * `$1`), never values.
 */

/** A user's display name. */
export const displayNameSql = (userId: string) => `(SELECT u.display_name FROM users u WHERE u.id = ${userId})`;

/** Which of the `wanted` languages (a text[] expression) the office's active members speak; NULL for none. */
export const languagesSpokenSql = (officeId: string, wanted: string) =>
  `(SELECT array_agg(DISTINCT l) FROM users u CROSS JOIN unnest(u.languages) AS l
    WHERE u.office_id = ${officeId} AND u.active AND l = ANY (${wanted}))`;
