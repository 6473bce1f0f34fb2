-- parameters: period, org
SELECT
  `_src`.`submission_id`,
  `_src`.`org`,
  `_src`.`period`,
  `_src`.`state`,
  `_src`.`updated_at`,
  1 AS `version`,
  `_src`.`revision` AS `_src_revision`,
  1 AS `_src_periods`,
  CAST(ROUND(CAST(`_src`.`poor_total` AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10)) AS `poor_persons`,
  CAST(ROUND(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `receiving`,
  CAST(ROUND(CAST(`_src`.`living_count_prev` AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10)) AS `receiving_prev`,
  CAST(ROUND(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `added`,
  CAST(ROUND(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `stopped`,
  CAST(ROUND(`_g_poor`.`_a3`, 2) AS DECIMAL(38, 10)) AS `amount`,
  CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10)) AS `amount_prev`,
  CAST(ROUND(
    COALESCE(CAST(ROUND(`_g_poor`.`_a3`, 2) AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(
      CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10)),
      CAST(0 AS DECIMAL(38, 10))
    ),
    2
  ) AS DECIMAL(38, 10)) AS `change`,
  CAST(ROUND(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `expired_paid`
FROM `fk_disabled_persons_ledger_v1` AS `_src`
LEFT JOIN (
  SELECT
    `c`.`submission_id` AS `_sid`,
    CAST(COUNT(
      CASE
        WHEN CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `_a0`,
    CAST(COUNT(
      CASE
        WHEN (
          CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        )
        AND (
          COALESCE(CAST(`c`.`last_subsidy` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) = CAST(0 AS DECIMAL(38, 10))
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `_a1`,
    CAST(COUNT(
      CASE
        WHEN (
          CAST(`c`.`subsidy` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
        )
        AND (
          CAST(`c`.`last_subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `_a2`,
    CAST(SUM(CAST(`c`.`subsidy` AS DECIMAL(38, 10))) AS DECIMAL(38, 10)) AS `_a3`,
    CAST(COUNT(
      CASE
        WHEN (
          `c`.`cert` <> 'valid'
        )
        AND (
          CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `_a4`
  FROM `fk_disabled_persons_ledger_v1__poor` AS `c`
  GROUP BY
    `c`.`submission_id`
) AS `_g_poor`
  ON `_g_poor`.`_sid` = `_src`.`submission_id`
WHERE
  (
    `_src`.`period` IN (CAST(:period AS STRING))
    AND `_src`.`state` IN ('submitted', 'approved')
  )
  AND `_src`.`org` = :org
