/** Every e2e file's header: one time limit for runs through dist against the lab, and the lab must answer (never skip). */
import {beforeAll, jest} from '@jest/globals';
import {requireLab} from './harness.js';

jest.setTimeout(300_000);
beforeAll(requireLab);
