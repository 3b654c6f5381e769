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
  lostRestrictedEvents: metric({
    ...base,
    name: 'bpf_lost_restricted_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of lost restricted events.',
    description: '',
    labels: [],
    origin: 'teleport',
    section: 'Not in the doc',
    profiles: ['teleport-12'],
    source: 'lib/restrictedsession/restricted.go@586786e41b29ae0586d45a551cfc103794efe85c',
    notes: [
      'Registered by the restricted-session (network restrictions) BPF module of Linux builds; counts events lost from its ring buffer. Not in latest: its registration was not found in the current source read (only the name constant remains in metrics.go@9937918ef7d79ed284217f67bacc42ffd76329a7).',
    ],
  }),
} as const;
