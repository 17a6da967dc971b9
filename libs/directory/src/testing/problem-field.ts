import { DirectoryValidationError } from '../errors';

/** The field a rejected directory change names; fails the spec unless it is a validation error naming exactly one. */
export async function problemField(p: Promise<unknown>): Promise<string | undefined> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DirectoryValidationError);
  const problems = (e as DirectoryValidationError).problems;
  expect(problems).toHaveLength(1);
  return problems[0].field;
}
