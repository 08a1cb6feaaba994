-- Schema version 14: the untranslated templates and arguments of the texts the analysis writes
-- (finding title and advice, recommendation title and rationale) as JSON, so that the GUI and the
-- report can show them in the user's language. The English columns stay what the CLI and JSON print;
-- rows written before this version have NULL here and are shown as stored.
ALTER TABLE findings ADD COLUMN text_templates TEXT;
ALTER TABLE recommendations ADD COLUMN text_templates TEXT;
