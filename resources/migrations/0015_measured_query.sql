-- Schema version 15: the query a measurement timed and why that one, as JSON {sql, jobId, reason,
-- chosenBy} (MeasuredQuery), written with the measurement's row. Measurements stored before this
-- version have NULL here: which query they timed was not recorded, and the views say so.
ALTER TABLE measurements ADD COLUMN measured_query TEXT;
