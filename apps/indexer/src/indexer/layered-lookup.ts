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
  const answers: T[][] = [];
  let rest: KeyGroup[] | undefined;
  let restOrigin: number[] | undefined;
  let restPositions: number[][] | undefined;

  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const lookup = local(group, g);
    const strings = group.strings;
    const groupAnswers = new Array<T>(strings.length);
    let pendingStrings: string[] | undefined;
    let pendingPositions: number[] | undefined;
    for (let i = 0; i < strings.length; i++) {
      const string = strings[i]!;
      const answer = lookup?.(string);
      if (answer !== undefined) {
        groupAnswers[i] = answer;
      } else {
        (pendingStrings ??= []).push(string);
        (pendingPositions ??= []).push(i);
      }
    }
    answers.push(groupAnswers);
    if (pendingStrings !== undefined) {
      (rest ??= []).push({ useCase: group.useCase, orgId: group.orgId, strings: pendingStrings });
      (restOrigin ??= []).push(g);
      (restPositions ??= []).push(pendingPositions!);
    }
  }

  if (rest === undefined) return answers;
  const innerAnswers = await inner(rest);
  onInnerAnswers?.(rest, innerAnswers);
  for (let r = 0; r < rest.length; r++) {
    const target = answers[restOrigin![r]!]!;
    const positions = restPositions![r]!;
    const values = innerAnswers[r]!;
    for (let j = 0; j < positions.length; j++) target[positions[j]!] = values[j]!;
  }
  return answers;
}
