// V8 doubles the young generation each time enough objects have survived its scavenges, up to two
// 16 MiB semi-spaces. Over a long input the analysis (whose survivors are few but steady) reaches
// that ceiling only after a few hundred MiB, so peak memory grew with input size: +16 MiB between a
// 256 MiB and a 1 GiB log, for no speed (a cap of 8 MiB measured 3 % slower on 1 GiB). Once the young
// generation has reached CAP_BYTES, its growth is turned off (a growth factor of 1 is read at each
// resize, unlike its maximum, which is fixed at start-up). The flag is the process's: only the main
// thread sets it, so that `fleet` workers, each with a young generation of its own, are left alone.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

const CAP_BYTES = 16 * 1024 * 1024;
let capped = false;

/** Call now and then (per chunk read): cheap, and a no-op once the cap is set. */
export function capYoungGeneration(): void {
  if (capped || !isMainThread) return;
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (newSpace === undefined || newSpace.space_size < CAP_BYTES) return;
  setFlagsFromString('--semi-space-growth-factor=1');
  capped = true;
}
