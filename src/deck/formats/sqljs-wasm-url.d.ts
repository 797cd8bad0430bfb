// The Vite `?url` import of sql.js's wasm, declared here so the Node type-check (which has no
// vite/client types) also knows it. In the browser Vite turns it into the asset URL.
declare module 'sql.js/dist/sql-wasm.wasm?url' {
  const url: string;
  export default url;
}
