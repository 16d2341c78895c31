import { describeGradientCases } from './describe-gradient-cases.js';
import { fusedLossCases } from './fused-loss-gradients.cases.js';

describeGradientCases('fused loss-term gradients vs finite differences', fusedLossCases);
