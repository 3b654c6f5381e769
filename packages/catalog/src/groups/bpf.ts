import { metric } from '../define';

/** What every entry of this group shares. */
const base = {
  package: 'bpf',
  group: 'bpf',
  component: 'BPF',
  section: 'Enhanced Session Recording / BPF',
  origin: 'doc',
} as const;

/** Notes that apply to several entries of this group. */
const SHARED_NOTES = [
  "This project: @teleport-otel/bpf's lostEventsTracker adds the growth between readings; a reading below the previous one is taken as a reset (its value is added) rather than Teleport's unsigned wrap-around.",
  "Fed by lib/bpf/helper.go Counter: on each doorbell ring-buffer message it reads the BPF array map '<lost>_counter' index 0 and Adds the delta since the last read. No _total suffix. (bpf_lost_restricted_events exists in lib/restrictedsession but is undocumented.)",
] as const;

/** bpf: bpf rows. */
export const bpf = {
  commandEvents: metric({
    ...base,
    name: 'bpf_lost_command_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of lost command events.',
    description: 'Number of lost command events.',
    labels: [],
    notes: [
      "Fed by lib/bpf/helper.go Counter: on each doorbell ring-buffer message it reads the BPF array map '<lost>_counter' index 0 and Adds the delta since the last read. Also incremented by 1 in lib/bpf/bpf.go when an exec return event arrives whose args are missing from the cache. No _total suffix. (bpf_lost_restricted_events exists in lib/restrictedsession but is undocumented.)",
      SHARED_NOTES[0],
    ],
  }),
  diskEvents: metric({
    ...base,
    name: 'bpf_lost_disk_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of lost disk events.',
    description: 'Number of lost disk events.',
    labels: [],
    notes: [SHARED_NOTES[1], SHARED_NOTES[0]],
  }),
  networkEvents: metric({
    ...base,
    name: 'bpf_lost_network_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of lost network events.',
    description: 'Number of lost network events.',
    labels: [],
    notes: [SHARED_NOTES[1], SHARED_NOTES[0]],
  }),
} as const;
