-- parameters: org
WITH `_scope` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = %(org)s AND `c`.`ancestor_level` = 4
)
SELECT
  (
    SELECT
      `r`.`ancestor_level`
    FROM `fk_org__org_unit` AS `r`
    WHERE
      `r`.`ancestor` = %(org)s AND `r`.`depth` = 0
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
