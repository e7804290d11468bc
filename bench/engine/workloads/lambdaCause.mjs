/**
 * The `Cause` of a caught Lambda error, reduced to its message. Step Functions (and sfn-chaos) put
 * Lambda's error payload there as JSON text (`{"errorType":…,"errorMessage":…,"trace":[…]}`), while
 * aws-local-stepfunctions puts only the thrown error's message. Comparing the message is what both
 * engines can agree on; the difference itself is a fidelity gap of the peer, noted in the docs.
 */
export function causeMessageOf(cause) {
  if (typeof cause !== 'string') return cause;
  try {
    const payload = JSON.parse(cause);
    if (payload !== null && typeof payload === 'object' && typeof payload.errorMessage === 'string') return payload.errorMessage;
  } catch {
    // Not JSON: already a bare message.
  }
  return cause;
}
