/** What a SCIM server says it supports, and what was assumed where it said nothing. */
import { method } from '../define';
import { tenantRef } from './common';

export interface DiscoveryAttributeView {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  mutability: string | null;
}

export interface DiscoverySchemaView {
  id: string;
  name: string;
  attributes: DiscoveryAttributeView[];
}

export interface DiscoveryResourceTypeView {
  name: string;
  endpoint: string;
  schema: string;
}

/** One capability line: what the server supports, and whether that was read or assumed. */
export interface DiscoveryFeatureView {
  name: string;
  supported: boolean;
  detail: string | null;
  assumed: boolean;
}

export interface DiscoveryView {
  baseUrl: string;
  features: DiscoveryFeatureView[];
  resourceTypes: DiscoveryResourceTypeView[];
  schemas: DiscoverySchemaView[];
  /** Plain sentences: the defaults taken where an endpoint was missing or odd. */
  assumptions: string[];
}

export const discoveryMethods = {
  discover: method<typeof tenantRef, DiscoveryView>(tenantRef),
};
