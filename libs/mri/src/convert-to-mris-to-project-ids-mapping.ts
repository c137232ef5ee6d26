/**
 * Inverts `project → MRIs` into `MRI → projects` (`_convert_to_mris_to_project_ids_mapping`, spec §3.4).
 * Both the MRIs and each MRI's projects keep first-seen order; a Map keeps numeric-looking keys in order.
 */
export function convertToMrisToProjectIdsMapping<P>(
  projectIdsToMris: Iterable<readonly [P, Iterable<string>]>,
): Map<string, P[]> {
  const result = new Map<string, P[]>();
  for (const [projectId, mris] of projectIdsToMris) {
    for (const mri of mris) {
      const projects = result.get(mri);
      if (projects === undefined) result.set(mri, [projectId]);
      else projects.push(projectId);
    }
  }
  return result;
}
