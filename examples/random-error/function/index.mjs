// Rolls two dice per level of depth. Doubles, at the configured error rate, raise
// function.DoublesRolledError; going past max-depth raises function.MaxDepthError.
import { withChaos } from 'sfn-chaos/injector';

class FunctionError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

const roll = () => 1 + Math.floor(Math.random() * 6);

export const handler = withChaos(async (event) => {
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
