import { binaryCases } from './binary-gradients.cases.js';
import { describeGradientCases } from './describe-gradient-cases.js';

describeGradientCases('binary gradients vs finite differences', binaryCases);
