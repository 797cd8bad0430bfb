// The build-time deck manifest provided by src/deck/node/vite-plugin.ts. Its element type is
// `DeckEntry` in src/state/library.ts (ambient modules cannot import project types).
declare module 'virtual:decks' {
  export const decks: readonly unknown[];
}
