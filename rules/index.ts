// The built-in rule registry: one export line per rule file, in any order
// (test/rules.meta.test.ts checks that every file under rules/ is listed and every id equals its file name).
export { default as appxInstalledNotProvisioned } from './appx-installed-not-provisioned.js';
