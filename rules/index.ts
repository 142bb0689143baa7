// The built-in rule registry: one export line per rule file, alphabetical by id
// (test/rules.meta.test.ts checks that every file under rules/ is listed and every id equals its file name).
export { default as appxInstalledNotProvisioned } from './appx-installed-not-provisioned.js';
export { default as appxUpgradeOrphanMiracastview } from './appx-upgrade-orphan-miracastview.js';
export { default as rearmLimitExceeded } from './rearm-limit-exceeded.js';
export { default as rearmSppNotReady } from './rearm-spp-not-ready.js';
