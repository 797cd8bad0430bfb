// Shared test setup: jest-dom matchers for component tests (environment set per file).
import '@testing-library/jest-dom/vitest';
