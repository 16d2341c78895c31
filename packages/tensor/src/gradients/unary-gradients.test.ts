import { describeGradientCases } from './describe-gradient-cases.js';
import { unaryCases } from './unary-gradients.cases.js';

describeGradientCases('unary gradients vs finite differences', unaryCases);
