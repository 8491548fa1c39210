-- Schema version 5: posting_id becomes the cheaper content key (careerlens.contentkey: every character but ASCII letters, digits, '+' and '#' dropped, where the old key folded runs of them into one space); every table holding posting ids is rewritten to the new ids, postings that now share an id are merged into the first stored one, and each file's rows_loaded / rows_duplicate say so. Running it again changes nothing.

-- Each stored posting's old and new id; the first stored posting (file, row) of each new id is the one kept.
CREATE OR REPLACE TEMP TABLE posting_id_changes AS
SELECT posting_id AS old_id, new_id, file_id, source_row,
       row_number() OVER (PARTITION BY new_id ORDER BY file_id, source_row) = 1 AS kept
FROM (SELECT posting_id, file_id, source_row,
             posting_content_id(title, company, location_raw, description) AS new_id
      FROM stored_postings);

-- A merged posting's topic labels go with it: the kept posting's labels stand.
DELETE FROM posting_topics
WHERE posting_id IN (SELECT old_id FROM posting_id_changes WHERE NOT kept);

UPDATE sources SET rows_loaded = rows_loaded - merged.postings, rows_duplicate = rows_duplicate + merged.postings
FROM (SELECT file_id, count(*) AS postings FROM posting_id_changes WHERE NOT kept GROUP BY file_id) merged
WHERE sources.file_id = merged.file_id;

DELETE FROM stored_postings p
WHERE EXISTS (SELECT 1 FROM posting_id_changes c
              WHERE NOT c.kept AND c.file_id = p.file_id AND c.source_row = p.source_row);

UPDATE stored_postings SET posting_id = c.new_id
FROM posting_id_changes c
WHERE c.file_id = stored_postings.file_id AND c.source_row = stored_postings.source_row
  AND stored_postings.posting_id <> c.new_id;

UPDATE posting_occurrences SET posting_id = c.new_id
FROM posting_id_changes c
WHERE posting_occurrences.posting_id = c.old_id AND c.old_id <> c.new_id;

UPDATE posting_sightings SET posting_id = c.new_id
FROM posting_id_changes c
WHERE posting_sightings.posting_id = c.old_id AND c.old_id <> c.new_id;

UPDATE posting_topics SET posting_id = c.new_id
FROM posting_id_changes c
WHERE posting_topics.posting_id = c.old_id AND c.old_id <> c.new_id;

-- The labelled postings a model was trained on (metadata.labels.posting_ids), under their new ids, in their order.
UPDATE classifier_models SET metadata = json_merge_patch(classifier_models.metadata,
           json_object('labels', json_merge_patch(classifier_models.metadata -> 'labels',
                                                  json_object('posting_ids', renamed.posting_ids))))
FROM (SELECT u.model_id, to_json(list(coalesce(c.new_id, u.posting_id) ORDER BY u.position)) AS posting_ids
      FROM (SELECT model_id, unnest(ids) AS posting_id, unnest(range(len(ids))) AS position
            FROM (SELECT model_id, CAST(metadata -> '$.labels.posting_ids' AS VARCHAR[]) AS ids
                  FROM classifier_models
                  WHERE json_type(metadata, '$.labels.posting_ids') = 'ARRAY')) u
      LEFT JOIN posting_id_changes c ON c.old_id = u.posting_id
      GROUP BY u.model_id) renamed
WHERE classifier_models.model_id = renamed.model_id;

DROP TABLE posting_id_changes;
