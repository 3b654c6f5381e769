/**
 * A reading shared by several metrics within one collection: the first metric to ask reads it,
 * the others reuse it, and the next request from a metric that already had it starts a new
 * reading. So /proc/self/stat or v8.getHeapStatistics() is read once per collection however many
 * metrics come from it, without knowing when a collection starts or in which order callbacks run.
 */
export class PerCollection<T> {
  private value: T | undefined;
  private readonly served = new Set<string>();

  constructor(private readonly read: () => T) {}

  get(consumer: string): T {
    if (this.value === undefined || this.served.has(consumer)) {
      this.value = this.read();
      this.served.clear();
    }
    this.served.add(consumer);
    return this.value;
  }
}
