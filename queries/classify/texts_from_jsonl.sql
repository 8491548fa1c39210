-- Creates the temp table classify_input from a JSON-lines file of {"id": ..., "text": ..., "title": ...}, numbering its lines; id keeps its JSON type.
CREATE OR REPLACE TEMP TABLE classify_input AS
SELECT row_number() OVER () AS line_no, id, title, "text"
FROM read_json($path, format = 'newline_delimited', records = true,
               columns = {id: 'JSON', title: 'VARCHAR', "text": 'VARCHAR'})
