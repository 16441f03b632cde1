import type { Scenario } from '../scenario';
import { catalogScenarios } from './catalog';
import { identityScenarios } from './identity';

/** Every scenario, in running order. Add a context's scenarios here from its own file. */
export const scenarios: Scenario[] = [...identityScenarios, ...catalogScenarios];
