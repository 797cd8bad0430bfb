// Shared test setup: jest-dom matchers for component tests (environment set per file).
import '@testing-library/jest-dom/vitest';
import * as yaml from 'yaml';
import { provideYaml } from '../src/sim/yaml.ts';

// Node hosts install the YAML library eagerly; the browser workers load it as a chunk.
provideYaml(yaml);
