import type { KeyGroup } from './string-indexer.js';

/**
 * Answers what a layer can from `local`, hands the rest to `inner` as smaller groups, and puts the inner
 * answers back in request order. `local` returning undefined means "not mine".
 */
export async function answerLayered<T>(
  groups: readonly KeyGroup[],
  local: (group: KeyGroup, groupIndex: number) => ((string: string) => T | undefined) | undefined,
  inner: (rest: KeyGroup[]) => Promise<T[][]>,
  onInnerAnswers?: (rest: readonly KeyGroup[], answers: readonly T[][]) => void,
): Promise<T[][]> {
  const answers: T[][] = new Array<T[]>(groups.length);
  let rest: KeyGroup[] | undefined;
  let restOrigin: number[] | undefined;
  // Per rest group, the request positions of its strings; undefined: the whole group, in order.
  let restPositions: (number[] | undefined)[] | undefined;

  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const lookup = local(group, g);
    const strings = group.strings;
    // Built at the first local answer: a group this layer answers nothing of goes on as it is (the static
    // layer's usual case), without copying its strings.
    let groupAnswers: T[] | undefined;
    let pendingStrings: string[] | undefined;
    let pendingPositions: number[] | undefined;
    if (lookup !== undefined) {
      for (let i = 0; i < strings.length; i++) {
        const string = strings[i]!;
        const answer = lookup(string);
        if (answer !== undefined) {
          if (groupAnswers === undefined) {
            groupAnswers = new Array<T>(strings.length);
            pendingStrings = strings.slice(0, i);
            pendingPositions = Array.from({ length: i }, (_, j) => j);
          }
          groupAnswers[i] = answer;
        } else if (groupAnswers !== undefined) {
          pendingStrings!.push(string);
          pendingPositions!.push(i);
        }
      }
    }
    if (groupAnswers === undefined) {
      if (strings.length === 0) {
        answers[g] = [];
        continue;
      }
      (rest ??= []).push(group);
      (restOrigin ??= []).push(g);
      (restPositions ??= []).push(undefined);
      continue;
    }
    answers[g] = groupAnswers;
    if (pendingStrings!.length > 0) {
      (rest ??= []).push({ useCase: group.useCase, orgId: group.orgId, strings: pendingStrings! });
      (restOrigin ??= []).push(g);
      (restPositions ??= []).push(pendingPositions);
    }
  }

  if (rest === undefined) return answers;
  const innerAnswers = await inner(rest);
  onInnerAnswers?.(rest, innerAnswers);
  for (let r = 0; r < rest.length; r++) {
    const origin = restOrigin![r]!;
    const positions = restPositions![r];
    const values = innerAnswers[r]!;
    if (positions === undefined) {
      answers[origin] = values;
      continue;
    }
    const target = answers[origin]!;
    for (let j = 0; j < positions.length; j++) target[positions[j]!] = values[j]!;
  }
  return answers;
}
