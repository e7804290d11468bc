// Downloads the Benner asteroid catalogue and reports what it stored.
// The catalogue is tiny here so that the example runs offline; a deployed copy would fetch it.
import { withChaos } from 'sfn-chaos/injector';

const CATALOGUE = [
  { designation: '1999 JU3', deltaV: 4.646 },
  { designation: '2001 CC21', deltaV: 5.03 },
  { designation: '1989 ML', deltaV: 4.888 },
];

export const handler = withChaos(async (event) => {
  const easiest = [...CATALOGUE].sort((a, b) => a.deltaV - b.deltaV)[0];
  return { ...event, benner: { records: CATALOGUE.length, easiestTarget: easiest.designation } };
});
