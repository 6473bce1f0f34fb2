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
  CAST(ROUND(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `persons`,
  CAST(ROUND(`_g_severe`.`_a1`, 2) AS DECIMAL(38, 10)) AS `amount`,
  CAST(ROUND(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `grade_1`,
  CAST(ROUND(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `severe_unpaid`
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
    CAST(SUM(
      CAST(CASE
        WHEN CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        THEN CAST(`c`.`subsidy` AS DECIMAL(38, 10))
      END AS DECIMAL(38, 10))
    ) AS DECIMAL(38, 10)) AS `_a1`,
    CAST(COUNT(
      CASE
        WHEN (
          CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        )
        AND (
          CAST(`c`.`level` AS DECIMAL(38, 10)) = CAST(1 AS DECIMAL(38, 10))
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `_a2`,
    CAST(COUNT(
      CASE
        WHEN COALESCE(CAST(`c`.`subsidy` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) = CAST(0 AS DECIMAL(38, 10))
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `_a3`
  FROM `fk_disabled_persons_ledger_v1__severe` AS `c`
  GROUP BY
    `c`.`submission_id`
) AS `_g_severe`
  ON `_g_severe`.`_sid` = `_src`.`submission_id`
WHERE
  (
    `_src`.`period` IN (CAST(:period AS STRING))
    AND `_src`.`state` IN ('submitted', 'approved')
  )
  AND `_src`.`org` = :org
