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
    close: () => app.close(),
  };
});
