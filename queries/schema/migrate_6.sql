-- Schema version 6: coded_title_cache, what the SOC title coder made of each title key, per coder (careerlens.normalise: a fingerprint of the O*NET titles in use, the OEWS tie-break, the confidence threshold and the coder's own code), so that a later load codes only the titles no earlier load of this store coded. Running it again changes nothing.
CREATE TABLE IF NOT EXISTS coded_title_cache (
    coder          VARCHAR NOT NULL,
    title_key      VARCHAR NOT NULL,
    soc_code       VARCHAR,
    onet_soc_code  VARCHAR,
    onet_title     VARCHAR,
    soc_method     VARCHAR NOT NULL,
    soc_confidence DOUBLE NOT NULL
);
