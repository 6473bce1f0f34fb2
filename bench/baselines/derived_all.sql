-- The derived comparison table (examples/poor_disabled_subsidy_comparison.yaml) of every
-- community, written by hand over the ledger's stored submissions: what formkit's derived
-- send-down computes (bench/derived.py compares the answers before timing).
SELECT s.org,
       s.poor_total AS poor_persons,
       coalesce(g.receiving, 0) AS receiving,
       s.living_count_prev AS receiving_prev,
       coalesce(g.added, 0) AS added,
       coalesce(g.stopped, 0) AS stopped,
       g.amount AS amount,
       s.living_total_prev AS amount_prev,
       coalesce(g.expired_paid, 0) AS expired_paid
FROM fk_disabled_persons_ledger_v1 AS s
LEFT JOIN (
  SELECT submission_id,
         count(CASE WHEN subsidy > 0 THEN 1 END) AS receiving,
         count(CASE WHEN subsidy > 0 AND coalesce(last_subsidy, 0) = 0 THEN 1 END) AS added,
         count(CASE WHEN subsidy = 0 AND last_subsidy > 0 THEN 1 END) AS stopped,
         sum(subsidy) AS amount,
         count(CASE WHEN cert <> 'valid' AND subsidy > 0 THEN 1 END) AS expired_paid
  FROM fk_disabled_persons_ledger_v1__poor
  GROUP BY submission_id
) AS g ON g.submission_id = s.submission_id
WHERE s.period = '2026-10' AND s.state IN ('submitted', 'approved')
ORDER BY s.org
