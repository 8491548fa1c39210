-- Creates the temp macros the O*NET staging queries share.

-- An O*NET-SOC code: the SOC 2018 code, a dot and a two-digit detail ('15-2051.00', '15-2051.01').
CREATE OR REPLACE TEMP MACRO onet_code_ok(x) AS coalesce(regexp_full_match(x, '[0-9]{2}-[0-9]{4}\.[0-9]{2}'), false);

-- O*NET's Y/N flags; 'n/a' and blanks (not applicable, e.g. Not Relevant on an importance rating) stay NULL.
CREATE OR REPLACE TEMP MACRO onet_yes_no(x) AS
    CASE upper(trim(x)) WHEN 'Y' THEN true WHEN 'N' THEN false END;
