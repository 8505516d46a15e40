// The English messages, loaded only when English is chosen: they stay out of the first download (issue #12: the
// admin's initial load ≤ 400 kB gzip), Chinese being the default.
import englishMessages from 'ra-language-english';
import { enApp } from './app.en';
import { enReports } from '../reports/messages';
import { enReportDocs } from '../reports/documents/messages';
import { enSheets } from '../sheets/messages';
import { enWork } from '../work/messages';
import { enCalendar } from '../resources/WorkCalendarDay/messages';
import { enMeetings } from '../resources/Meeting/messages';

export const enMessages = { ...englishMessages, ...enApp, reports: enReports, reportDocs: enReportDocs, work: enWork, sheets: enSheets, calendar: enCalendar, meetings: enMeetings };
