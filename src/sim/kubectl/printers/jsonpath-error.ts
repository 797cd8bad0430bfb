// The error JSONPath parsing and evaluation throw, apart from the parser so that kubectl can
// recognise it without loading the parser (a chunk of its own in the browser, see lazy.ts).

export class JsonPathError extends Error {}
