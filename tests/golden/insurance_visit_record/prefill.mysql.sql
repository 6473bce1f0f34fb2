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
  `agg_person`.`a1` AS `v1`,
  `agg_grid_worker`.`a1` AS `v2`
FROM (
  SELECT
    COUNT(CASE WHEN `t`.`insured` = FALSE THEN 1 END) AS `a1`
  FROM `person` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_person`
CROSS JOIN (
  SELECT
    COUNT(CASE WHEN `t`.`on_duty` = TRUE THEN 1 END) AS `a1`
  FROM `grid_worker` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_grid_worker`
