import type { ComponentType, ReactElement } from 'react';
import type { RaRecord } from 'react-admin';

/** What each resource folder's index exports: its views, spread into <Resource> (as in react-admin's examples/demo). */
export interface ResourceViews {
  list: ComponentType;
  show?: ComponentType;
  edit?: ComponentType;
  create?: ComponentType;
}

export type ViewName = keyof ResourceViews;

/** What the menu and <Resource> need before any view loads (resources/registry.ts). */
export interface ResourceMeta {
  icon: ComponentType;
  recordRepresentation: string | ReactElement | ((record: RaRecord) => string);
  /** The views the folder's index exports (checked against it by admin/test/admin.unit.test.ts). */
  views: ViewName[];
  load: () => Promise<{ default: ResourceViews }>;
}

/** A resource as <Resource> takes it. */
export interface ResourceModule extends Partial<ResourceViews> {
  icon: ComponentType;
  recordRepresentation: ResourceMeta['recordRepresentation'];
}
