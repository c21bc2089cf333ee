/** Secrets that can hide in tracking URIs and in what mlflow prints about them. */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const SECRET_PARAM = /([?&;](?:[a-z0-9_.-]*(?:token|password|passwd|pwd|secret|key|signature|sig|auth)[a-z0-9_.-]*)=)[^&\s'"#]*/gi;
const BEARER = /(authorization:\s*(?:bearer|basic)\s+)[^\s'"]+/gi;

/** Replaces credentials in URIs and headers with `***`, leaving the rest readable. */
export function redact(text: string): string {
  let out = text.replace(USERINFO, '$1***@').replace(SECRET_PARAM, '$1***').replace(BEARER, '$1***');
  for (const name of ['MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_PASSWORD', 'DATABRICKS_TOKEN']) {
    const value = process.env[name];
    if (value && value.length >= 4) out = out.split(value).join('***');
  }
  return out;
}
