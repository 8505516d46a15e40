alter table ticket drop column if exists import_digest;
