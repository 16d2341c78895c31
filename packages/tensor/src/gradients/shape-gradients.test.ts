import { describeGradientCases } from './describe-gradient-cases.js';
import { shapeCases } from './shape-gradients.cases.js';

describeGradientCases('shape gradients vs finite differences', shapeCases);
