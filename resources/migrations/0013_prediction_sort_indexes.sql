-- Schema version 13: the query browser sorts by the active model's prediction (Predicted) and by the
-- width of its 80% interval (Interval). Without these indexes a million jobs were sorted in full for
-- every page (about 9 s on SQLite); with them a page is read in index order (milliseconds).
-- job_row_id last: the row-id tie-break of the listing comes from the same index.
CREATE INDEX predictions_model_predicted ON predictions (model_id, predicted_ms, job_row_id);
CREATE INDEX predictions_model_width ON predictions (model_id, (high_ms - low_ms), job_row_id);
