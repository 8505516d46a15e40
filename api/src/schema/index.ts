// Imports every resource module for its side effects and builds the schema.
import { builder } from '../builder';
import './organisation';
import './tickets';
import './countdown';
import './personal';
import './registers';
import './supervision';
import './undercover';
import './workflow';
import './unsatisfied';
import './mywork';
import './settings';
import './calendar-year';
import './users';
import './workingStreet';
import './reports';
import './ranking-meeting';
import './import';
import './sheet';
import './candidates';
import './hotspots';
import './report-archive';
import './meetings';
import './live';
import './digest';
import './forecast';

export const schema = builder.toSchema({ sortSchema: false });
