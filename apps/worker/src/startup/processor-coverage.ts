/** A BullMQ processor found in the application: the queue it takes jobs from and who declared it. */
export interface FoundProcessor {
  queue: string;
  provider: string;
}

/**
 * What is wrong with the worker's processors, in words: a queue nobody takes jobs from (its jobs would wait
 * forever), one taken twice in the same process (each job would race two handlers), a processor for a queue
 * nothing produces (a typo). Empty when every expected queue has exactly one processor.
 */
export function processorProblems(expectedQueues: readonly string[], found: readonly FoundProcessor[]): string[] {
  const problems: string[] = [];
  for (const queue of expectedQueues) {
    const takers = found.filter((p) => p.queue === queue).map((p) => p.provider);
    if (takers.length === 0) problems.push(`queue "${queue}" has no processor`);
    if (takers.length > 1) problems.push(`queue "${queue}" has ${takers.length} processors: ${takers.join(', ')}`);
  }
  for (const p of found) {
    if (!expectedQueues.includes(p.queue)) problems.push(`${p.provider} processes "${p.queue}", which is no queue`);
  }
  return problems;
}
