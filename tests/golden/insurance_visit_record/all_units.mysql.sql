-- parameters: org
WITH RECURSIVE `_tree`(`code`, `unit`, `level`) AS (
  SELECT
    `o`.`code`,
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  WHERE
    `o`.`code` = %(org)s
  UNION ALL
  SELECT
    `o`.`code`,
    CASE WHEN `o`.`level` <= 4 THEN `o`.`code` ELSE `_tree`.`unit` END,
    `o`.`level`
  FROM `org_unit` AS `o`
  JOIN `_tree`
    ON `o`.`parent_code` = `_tree`.`code` AND `o`.`level` > `_tree`.`level`
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`,
  CASE
    WHEN ABS(COALESCE(`agg_person`.`a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(COALESCE(`agg_person`.`a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(COALESCE(`agg_person`.`a1`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
  END AS `v1`,
  CASE
    WHEN ABS(COALESCE(`agg_grid_worker`.`a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(COALESCE(`agg_grid_worker`.`a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(COALESCE(`agg_grid_worker`.`a1`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
  END AS `v2`
FROM `_tree` AS `u`
LEFT JOIN (
  SELECT
    CAST(COUNT(CASE WHEN `t`.`insured` = FALSE THEN 1 END) AS DECIMAL(38, 10)) AS `a1`,
    `_tree`.`unit` AS `_unit`
  FROM `person` AS `t`
  JOIN `_tree`
    ON `t`.`community_code` = `_tree`.`code`
  GROUP BY
    `_tree`.`unit`
) AS `agg_person`
  ON `agg_person`.`_unit` = `u`.`code`
LEFT JOIN (
  SELECT
    CAST(COUNT(CASE WHEN `t`.`on_duty` = TRUE THEN 1 END) AS DECIMAL(38, 10)) AS `a1`,
    `_tree`.`unit` AS `_unit`
  FROM `grid_worker` AS `t`
  JOIN `_tree`
    ON `t`.`community_code` = `_tree`.`code`
  GROUP BY
    `_tree`.`unit`
) AS `agg_grid_worker`
  ON `agg_grid_worker`.`_unit` = `u`.`code`
WHERE
  `u`.`level` = 4 OR `u`.`code` = %(org)s
ORDER BY
  `u`.`code` COLLATE utf8mb4_nopad_bin
