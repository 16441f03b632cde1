import type { Scenario } from '../scenario';
import { bookingScenarios } from './booking';
import { cartScenarios } from './cart';
import { catalogScenarios } from './catalog';
import { checkoutScenarios } from './checkout';
import { identityScenarios } from './identity';

/** Every scenario, in running order. Add a context's scenarios here from its own file. */
export const scenarios: Scenario[] = [...identityScenarios, ...catalogScenarios, ...cartScenarios, ...checkoutScenarios, ...bookingScenarios];
