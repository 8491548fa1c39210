-- Returns the file already loaded with the same content ($sha256), if any: file_name, loaded_at.
SELECT file_name, loaded_at FROM sources WHERE sha256 = $sha256
