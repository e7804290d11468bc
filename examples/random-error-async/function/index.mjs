// Stand-in for the guide's random-error function. The state machine passes its Payload as a JSON
// string (a DefinitionSubstitutions value), so the event may arrive as text. Rolls two dice per level
// of depth: doubles, at the configured error rate, raise function.DoublesRolledError; going past
// max-depth raises function.MaxDepthError. Invoked with InvocationType: Event, neither error ever
// reaches the state machine: Lambda retries the event itself.
import { withChaos } from 'sfn-chaos/injector';

class FunctionError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

const roll = () => 1 + Math.floor(Math.random() * 6);

export const handler = withChaos(async (input) => {
  const event = typeof input === 'string' ? JSON.parse(input) : (input ?? {});
  const maxDepth = event['max-depth'] ?? 10;
  const depth = event['current-depth'] ?? 0;
  const errorRate = event['error-rate'] ?? 0.05;
  if (depth >= maxDepth) {
    throw new FunctionError('function.MaxDepthError', `reached max depth ${maxDepth}`);
  }
  const dice = [roll(), roll()];
  if (dice[0] === dice[1] && Math.random() < errorRate) {
    throw new FunctionError('function.DoublesRolledError', `rolled doubles: ${dice.join(', ')}`);
  }
  return { ...event, 'current-depth': depth + 1, dice };
});
