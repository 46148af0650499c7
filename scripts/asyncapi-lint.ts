import { DiagnosticSeverity, Parser } from '@asyncapi/parser';

/**
 * Validates the AsyncAPI document with @asyncapi/parser (the specification's schemas and its
 * spectral rules); prints every diagnostic and returns the error count. Part of `npm run check`.
 */
export async function lintAsyncApi(document: object): Promise<number> {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  for (const diagnostic of diagnostics) {
    const severity = DiagnosticSeverity[diagnostic.severity].toLowerCase();
    console.error(`asyncapi ${severity} ${diagnostic.code}: ${diagnostic.message} ${diagnostic.path.join('.')}`);
  }
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).length;
  console.log(
    `AsyncAPI validation (@asyncapi/parser): ${errors} errors, ${diagnostics.length - errors} other diagnostics`,
  );
  return errors;
}
