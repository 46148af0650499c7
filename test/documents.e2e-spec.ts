import { startTestApp } from './support/test-app.js';
import { documentsSuite } from './support/documents-suite.js';

documentsSuite('PostgreSQL', async () => {
  const app = await startTestApp();
  return {
    app,
    async holds(documentId) {
      const { rows } = await app.db.query(`SELECT 1 FROM document_chunks WHERE document_id = $1 LIMIT 1`, [documentId]);
      return rows.length > 0;
    },
    async stored() {
      const { rows } = await app.db.query<{ n: number }>(
        `SELECT count(DISTINCT document_id)::int AS n FROM document_chunks`,
      );
      return rows[0].n;
    },
    close: () => app.close(),
  };
});
