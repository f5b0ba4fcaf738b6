/**
 * The command-rules end-to-end suite, unchanged, against PostgreSQL (EVENT_STORE=postgres on a fresh
 * database of the test run's server): startTestApp reads the store when each test starts.
 */
import './command-rules.e2e-spec';

process.env.MANDATE_E2E_STORE = 'postgres';
