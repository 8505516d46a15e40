-- A re-import that changes nothing should cost a fraction of a first import (issue 12 item 3): each ticket keeps the
-- digest of the file row an import last wrote it from, with the ticket's version at that moment
-- ('<md5 hex>:<version>', import/digest.ts). A row whose digest equals the stored one on a ticket whose version has
-- not moved since is skipped before any validation against stored data, planning or writing. Null (tickets written
-- before this migration, or by hand): compared the long way, then recorded.
alter table ticket add column if not exists import_digest text;
