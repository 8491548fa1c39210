-- Returns the number of stored postings and an order-free fingerprint of their ids: whether an export still holds what the store holds.
SELECT count(*) AS n_postings, coalesce(sum(hash(posting_id)::HUGEINT), 0)::VARCHAR AS fingerprint FROM stored_postings
