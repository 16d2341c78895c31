import { describeGradientCases } from './describe-gradient-cases.js';
import { reductionCases } from './reduction-gradients.cases.js';

describeGradientCases('reduction gradients vs finite differences', reductionCases);
