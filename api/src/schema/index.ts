// Imports every resource module for its side effects and builds the schema.
import { builder } from '../builder';
import './organisation';
import './tickets';
import './personal';
import './registers';
import './supervision';
import './workflow';
import './mywork';
import './settings';
import './users';
import './reports';
import './import';
import './sheet';

export const schema = builder.toSchema({ sortSchema: false });
