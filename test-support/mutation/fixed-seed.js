'use strict';
// setupFilesAfterEnv of jest.mutate.config.ts: property tests draw the same cases in every run, so
// a mutant's fate does not depend on the random cases of the run that happened to test it.
require('fast-check').configureGlobal({ seed: 17 });
