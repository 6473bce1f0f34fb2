-- parameters: period_end, org
/* rows: severe */
WITH `_scope` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org AND `c`.`ancestor_level` = 4
)
SELECT
  `t`.`id` AS `_key`,
  CASE
    WHEN `t`.`name` IS NULL
    THEN NULL
    WHEN LENGTH(`t`.`name`) > 1
    THEN SUBSTR(`t`.`name`, 1, 1) || REPEAT('*', LENGTH(`t`.`name`) - 1)
    ELSE REPEAT('*', LENGTH(`t`.`name`))
  END AS `name`,
  CASE
    WHEN `t`.`id_card` IS NULL
    THEN NULL
    WHEN LENGTH(`t`.`id_card`) > 10
    THEN (
      SUBSTR(`t`.`id_card`, 1, 6) || REPEAT('*', LENGTH(`t`.`id_card`) - 10)
    ) || SUBSTR(`t`.`id_card`, LENGTH(`t`.`id_card`) - 3)
    ELSE REPEAT('*', LENGTH(`t`.`id_card`))
  END AS `id_card`,
  `t`.`sex` AS `sex`,
  CAST(YEAR(CAST(:period_end AS DATE)) - YEAR(`t`.`birth_date`) - CASE
    WHEN (
      MONTH(CAST(:period_end AS DATE)) * 100 + DAY(CAST(:period_end AS DATE))
    ) < (
      MONTH(`t`.`birth_date`) * 100 + DAY(`t`.`birth_date`)
    )
    THEN 1
    ELSE 0
  END AS DECIMAL(38, 10)) AS `age`,
  `t`.`disability_type` AS `kind`,
  CAST(`t`.`disability_level` AS DECIMAL(38, 10)) AS `level`,
  `t`.`disability_cert_status` AS `cert`,
  `t`.`household_econ` AS `econ`,
  CASE
    WHEN `t`.`phone` IS NULL
    THEN NULL
    WHEN LENGTH(`t`.`phone`) > 5
    THEN (
      SUBSTR(`t`.`phone`, 1, 3) || REPEAT('*', LENGTH(`t`.`phone`) - 5)
    ) || SUBSTR(`t`.`phone`, LENGTH(`t`.`phone`) - 1)
    ELSE REPEAT('*', LENGTH(`t`.`phone`))
  END AS `phone`,
  CAST(`t`.`nursing_subsidy_paid` AS DECIMAL(38, 10)) AS `last_subsidy`
FROM `person` AS `t`
JOIN `_scope`
  ON `t`.`community_code` = `_scope`.`code`
WHERE
  `t`.`disability_level` IN (1, 2)
ORDER BY
  `t`.`id`;

/* rows: poor */
WITH `_scope` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org AND `c`.`ancestor_level` = 4
)
SELECT
  `t`.`id` AS `_key`,
  CASE
    WHEN `t`.`name` IS NULL
    THEN NULL
    WHEN LENGTH(`t`.`name`) > 1
    THEN SUBSTR(`t`.`name`, 1, 1) || REPEAT('*', LENGTH(`t`.`name`) - 1)
    ELSE REPEAT('*', LENGTH(`t`.`name`))
  END AS `name`,
  CASE
    WHEN `t`.`id_card` IS NULL
    THEN NULL
    WHEN LENGTH(`t`.`id_card`) > 10
    THEN (
      SUBSTR(`t`.`id_card`, 1, 6) || REPEAT('*', LENGTH(`t`.`id_card`) - 10)
    ) || SUBSTR(`t`.`id_card`, LENGTH(`t`.`id_card`) - 3)
    ELSE REPEAT('*', LENGTH(`t`.`id_card`))
  END AS `id_card`,
  `t`.`disability_type` AS `kind`,
  CAST(`t`.`disability_level` AS DECIMAL(38, 10)) AS `level`,
  `t`.`disability_cert_status` AS `cert`,
  `t`.`household_econ` AS `econ`,
  CAST(`t`.`living_subsidy_paid` AS DECIMAL(38, 10)) AS `last_subsidy`
FROM `person` AS `t`
JOIN `_scope`
  ON `t`.`community_code` = `_scope`.`code`
WHERE
  (
    NOT `t`.`disability_level` IS NULL
  )
  AND (
    `t`.`household_econ` IN ('dibao', 'dibian')
  )
ORDER BY
  `t`.`id`
