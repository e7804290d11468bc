// Downloads the exoplanet archive. A failed request raises HTTPError, which the state machine
// retries; the error's name is set explicitly because Step Functions matches on it.
import { withChaos } from 'sfn-chaos/injector';

export class HTTPError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'HTTPError';
    this.status = status;
  }
}

const ARCHIVE = {
  status: 200,
  rows: [
    { name: 'Kepler-22 b', periodDays: 289.9 },
    { name: 'TRAPPIST-1 e', periodDays: 6.1 },
  ],
};

async function download() {
  if (ARCHIVE.status !== 200) throw new HTTPError(`exoplanet archive answered ${ARCHIVE.status}`, ARCHIVE.status);
  return ARCHIVE.rows;
}

export const handler = withChaos(async (event) => {
  const rows = await download();
  return { ...event, exoplanets: { records: rows.length } };
});
