// Shared test setup: jest-dom matchers for component tests (environment set per file).
import '@testing-library/jest-dom/vitest';
import { provideEagerly } from '../src/sim/node/eager.ts';

// Node hosts install the YAML library eagerly; the browser workers load it as a chunk.
provideEagerly();
