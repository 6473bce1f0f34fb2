-- parameters: org
WITH RECURSIVE `_scope`(`code`, `level`) AS (
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  WHERE
    `o`.`code` = %(org)s AND `o`.`level` = 4
  UNION ALL
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  JOIN `_scope`
    ON `o`.`parent_code` = `_scope`.`code` AND `o`.`level` > `_scope`.`level`
)
SELECT
  (
    SELECT
      `level`
    FROM `org_unit`
    WHERE
      `code` = %(org)s
  ) AS `_level`,
  CASE
    WHEN ABS(`agg_person`.`a1`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a1`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a1` AS DECIMAL(38, 10))
  END AS `v1`,
  CASE
    WHEN ABS(`agg_grid_worker`.`a1`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_grid_worker`.`a1`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_grid_worker`.`a1` AS DECIMAL(38, 10))
  END AS `v2`
FROM (
  SELECT
    CAST(COUNT(CASE WHEN `t`.`insured` = FALSE THEN 1 END) AS DECIMAL(38, 10)) AS `a1`
  FROM `person` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_person`
CROSS JOIN (
  SELECT
    CAST(COUNT(CASE WHEN `t`.`on_duty` = TRUE THEN 1 END) AS DECIMAL(38, 10)) AS `a1`
  FROM `grid_worker` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_grid_worker`
