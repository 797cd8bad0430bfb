// Public API of the deck model: schema and types, KCNA domains, validation with locations.
export * from './schema.ts';
export type { LabCheck, EventMatch, LabPrediction, QuizVerify } from './lab-schema.ts';
export * from './domains.ts';
export * from './errors.ts';
export { validateDeckSource, type ValidationResult } from './validate.ts';
export * from './summary.ts';
export * from './model.ts';
