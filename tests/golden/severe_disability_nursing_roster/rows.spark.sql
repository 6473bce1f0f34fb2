-- parameters: period, org
/* rows: paid */
SELECT
  `_src`.`org`,
  `c`.`row_key`,
  CASE
    WHEN `c`.`name` IS NULL
    THEN NULL
    WHEN LENGTH(`c`.`name`) > 1
    THEN SUBSTR(`c`.`name`, 1, 1) || REPEAT('*', LENGTH(`c`.`name`) - 1)
    ELSE REPEAT('*', LENGTH(`c`.`name`))
  END,
  CASE
    WHEN `c`.`id_card` IS NULL
    THEN NULL
    WHEN LENGTH(`c`.`id_card`) > 10
    THEN (
      SUBSTR(`c`.`id_card`, 1, 6) || REPEAT('*', LENGTH(`c`.`id_card`) - 10)
    ) || SUBSTR(`c`.`id_card`, LENGTH(`c`.`id_card`) - 3)
    ELSE REPEAT('*', LENGTH(`c`.`id_card`))
  END,
  CAST(`c`.`level` AS DECIMAL(38, 10)),
  `c`.`cert`,
  CAST(`c`.`subsidy` AS DECIMAL(38, 10)),
  CAST(`c`.`change` AS DECIMAL(38, 10)),
  `c`.`change_reason`
FROM `fk_disabled_persons_ledger_v1` AS `_src`
JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
  ON `c`.`submission_id` = `_src`.`submission_id`
WHERE
  (
    (
      `_src`.`period` = CAST(:period AS STRING)
      AND `_src`.`state` IN ('submitted', 'approved')
    )
    AND `_src`.`org` = :org
  )
  AND (
    CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
  )
ORDER BY
  `_src`.`org`,
  `c`.`row_no`
