/**
 * The version of the record the form's text is based on (app/models/record-version.server.ts).
 * Not type="hidden": a restored draft keeps the version its text was based on, so it saves against it.
 */
export function BaseVersionInput({ version }: { version: number }) {
  return <input type="text" name="baseVersion" hidden readOnly defaultValue={version} key={`base-${version}`} />;
}
