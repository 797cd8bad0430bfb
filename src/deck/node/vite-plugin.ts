// Vite plugin that compiles decks/*.yaml at build time: the app gets a tiny manifest module
// (ids, titles, counts) and one lazily-loaded JSON chunk per deck, so the first screen ships no
// YAML parser and no card text. An invalid deck fails the build with the validator's messages.

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { formatProblem } from '../errors.ts';
import { deckSummary } from '../summary.ts';
import { loadDecks, type LoadedDeck } from './load.ts';
import { simulateDecks } from './simulate.ts';

const MANIFEST_ID = 'virtual:decks';
const DECK_PREFIX = 'virtual:deck/';

export function decksPlugin(options: { dir?: string } = {}): Plugin {
  const dir = resolve(options.dir ?? 'decks');
  let decks: LoadedDeck[] = [];

  const compile = () => {
    const result = loadDecks([dir]);
    if (result.problems.length) {
      const lines = result.problems.map(formatProblem).join('\n');
      throw new Error(`Invalid deck(s):\n${lines}\nRun \`npm run deck -- validate\` for details.`);
    }
    decks = result.decks;
  };

  return {
    name: 'kcna-decks',
    buildStart() {
      compile();
      // Production builds also run quiz keys and labs in the simulated cluster (a few seconds);
      // the dev server skips it to stay fast.
      if (!this.meta.watchMode) {
        const problems = simulateDecks(decks);
        if (problems.length)
          throw new Error(`Deck content disagrees with the simulation:\n${problems.map(formatProblem).join('\n')}`);
      }
      for (const { file } of decks) this.addWatchFile(resolve(file));
    },
    resolveId(id) {
      if (id === MANIFEST_ID || id.startsWith(DECK_PREFIX)) return '\0' + id;
      return null;
    },
    load(id) {
      if (id === '\0' + MANIFEST_ID) {
        const entries = decks.map(({ deck }) => {
          const json = JSON.stringify(deck);
          const version = createHash('sha256').update(json).digest('hex').slice(0, 12);
          const summary = JSON.stringify({ ...deckSummary(deck), version });
          return `{ ...${summary}, load: () => import(${JSON.stringify(DECK_PREFIX + deck.id)}).then((m) => m.default) }`;
        });
        return `export const decks = [\n${entries.join(',\n')}\n];\n`;
      }
      if (id.startsWith('\0' + DECK_PREFIX)) {
        const deckId = id.slice(1 + DECK_PREFIX.length);
        const found = decks.find((d) => d.deck.id === deckId);
        if (!found) throw new Error(`unknown deck "${deckId}"`);
        // JSON.parse of a string literal is faster to load than an object literal of the same size.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(found.deck))});\n`;
      }
      return null;
    },
    handleHotUpdate(ctx) {
      if (ctx.file.startsWith(dir)) {
        compile();
        const mod = ctx.server.moduleGraph.getModuleById('\0' + MANIFEST_ID);
        if (mod) ctx.server.moduleGraph.invalidateModule(mod);
        ctx.server.ws.send({ type: 'full-reload' });
        return [];
      }
      return undefined;
    },
  };
}
