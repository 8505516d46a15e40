import type { ComponentType, ReactElement } from 'react';
import type { RaRecord } from 'react-admin';

/** What each resource folder exports, spread into <Resource> (as in react-admin's examples/demo). */
export interface ResourceModule {
  list: ComponentType;
  show?: ComponentType;
  edit?: ComponentType;
  create?: ComponentType;
  icon: ComponentType;
  recordRepresentation: string | ReactElement | ((record: RaRecord) => string);
}
