// Imports every resource module for its side effects and builds the schema.
import { builder } from '../builder';
import './organisation';
import './tickets';
import './registers';
import './supervision';
import './workflow';
import './settings';
import './users';
import './reports';
import './import';

export const schema = builder.toSchema({ sortSchema: false });
