import type { CollectionTag, ScalarTag } from 'yaml';

/**
 * CloudFormation's short-form YAML tags (`!Sub`, `!GetAtt`, …). The tags only let the `yaml`
 * package accept them; they keep the node as written, and `cloudformationIntrinsics.ts` evaluates
 * a tagged node exactly like the long form (`{ "Fn::Sub": … }`), with the node's position at hand.
 */

/** Short-form tag name to the long-form key it abbreviates. */
export const INTRINSIC_BY_TAG: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Split': 'Fn::Split',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Cidr': 'Fn::Cidr',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

function tagsFor(tag: string): (ScalarTag | CollectionTag)[] {
  return [
    { tag, resolve: (value: string) => value },
    { tag, collection: 'seq', resolve: (value) => value },
    { tag, collection: 'map', resolve: (value) => value },
  ];
}

/** Custom tags for `parseDocument(…, { customTags })` when reading a CloudFormation or SAM template. */
export const cloudFormationTags: (ScalarTag | CollectionTag)[] = Object.keys(INTRINSIC_BY_TAG).flatMap(tagsFor);
