import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** First-load budget: the entry chunk and everything it imports statically, gzip. */
const BUDGET_KB = 200;

function firstLoadBudget(): Plugin {
  return {
    name: 'relay-first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (name: string) => {
        const file = bundle[name];
        if (seen.has(name) || !file || file.type !== 'chunk') return;
        seen.add(name);
        file.imports.forEach(visit);
      };
      visit(entry.fileName);
      let bytes = 0;
      for (const name of seen) {
        const file = bundle[name];
        if (file?.type === 'chunk') bytes += gzipSync(file.code).length;
      }
      const kb = bytes / 1024;
      const line = `console first load: ${kb.toFixed(1)} KB of JavaScript gzip in ${seen.size} file(s) (budget ${BUDGET_KB} KB)`;
      if (kb > BUDGET_KB) this.error(`${line}: over budget`);
      console.log(line);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [firstLoadBudget()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      // React Query marks its modules "use client" for server components; meaningless in a bundle.
      onLog: (level, log, handler) =>
        log.code === 'MODULE_LEVEL_DIRECTIVE' || log.code === 'PLUGIN_TIMINGS' ? undefined : handler(level, log),
    },
  },
});
