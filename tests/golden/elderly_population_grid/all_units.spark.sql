-- parameters: period_end, org
WITH `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    COALESCE(`u`.`ancestor`, `c`.`descendant`) AS `unit`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  LEFT JOIN `fk_org__org_unit` AS `u`
    ON `u`.`descendant` = `c`.`descendant` AND `u`.`ancestor_level` = 4
  WHERE
    `c`.`ancestor` = :org
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`,
  COALESCE(`agg_person`.`a1`, 0) AS `population`,
  COALESCE(`agg_person`.`a2`, 0) AS `elderly.age_60_69.male`,
  COALESCE(`agg_person`.`a3`, 0) AS `elderly.age_60_69.female`,
  COALESCE(`agg_person`.`a4`, 0) AS `elderly.age_60_69.alone`,
  COALESCE(`agg_person`.`a5`, 0) AS `elderly.age_70_79.male`,
  COALESCE(`agg_person`.`a6`, 0) AS `elderly.age_70_79.female`,
  COALESCE(`agg_person`.`a7`, 0) AS `elderly.age_70_79.alone`,
  COALESCE(`agg_person`.`a8`, 0) AS `elderly.age_80_89.male`,
  COALESCE(`agg_person`.`a9`, 0) AS `elderly.age_80_89.female`,
  COALESCE(`agg_person`.`a10`, 0) AS `elderly.age_80_89.alone`,
  COALESCE(`agg_person`.`a11`, 0) AS `elderly.age_90_99.male`,
  COALESCE(`agg_person`.`a12`, 0) AS `elderly.age_90_99.female`,
  COALESCE(`agg_person`.`a13`, 0) AS `elderly.age_90_99.alone`,
  COALESCE(`agg_person`.`a14`, 0) AS `elderly.age_100.male`,
  COALESCE(`agg_person`.`a15`, 0) AS `elderly.age_100.female`,
  COALESCE(`agg_person`.`a16`, 0) AS `elderly.age_100.alone`
FROM `_tree` AS `u`
LEFT JOIN (
  SELECT
    COUNT(*) AS `a1`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'M'
    ) AND (
      `t`.`_h1` BETWEEN 60 AND 69
    ) THEN 1 END) AS `a2`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'F'
    ) AND (
      `t`.`_h1` BETWEEN 60 AND 69
    ) THEN 1 END) AS `a3`,
    COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 60 AND 69
        )
        THEN 1
      END
    ) AS `a4`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'M'
    ) AND (
      `t`.`_h1` BETWEEN 70 AND 79
    ) THEN 1 END) AS `a5`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'F'
    ) AND (
      `t`.`_h1` BETWEEN 70 AND 79
    ) THEN 1 END) AS `a6`,
    COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 70 AND 79
        )
        THEN 1
      END
    ) AS `a7`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'M'
    ) AND (
      `t`.`_h1` BETWEEN 80 AND 89
    ) THEN 1 END) AS `a8`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'F'
    ) AND (
      `t`.`_h1` BETWEEN 80 AND 89
    ) THEN 1 END) AS `a9`,
    COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 80 AND 89
        )
        THEN 1
      END
    ) AS `a10`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'M'
    ) AND (
      `t`.`_h1` BETWEEN 90 AND 99
    ) THEN 1 END) AS `a11`,
    COUNT(CASE WHEN (
      `t`.`sex` = 'F'
    ) AND (
      `t`.`_h1` BETWEEN 90 AND 99
    ) THEN 1 END) AS `a12`,
    COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 90 AND 99
        )
        THEN 1
      END
    ) AS `a13`,
    COUNT(
      CASE WHEN (
        `t`.`sex` = 'M'
      ) AND (
        `t`.`_h1` BETWEEN 100 AND 200
      ) THEN 1 END
    ) AS `a14`,
    COUNT(
      CASE WHEN (
        `t`.`sex` = 'F'
      ) AND (
        `t`.`_h1` BETWEEN 100 AND 200
      ) THEN 1 END
    ) AS `a15`,
    COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 100 AND 200
        )
        THEN 1
      END
    ) AS `a16`,
    `t`.`_unit` AS `_unit`
  FROM (
    SELECT
      `t`.*,
      YEAR(CAST(:period_end AS DATE)) - YEAR(`t`.`birth_date`) - CASE
        WHEN (
          MONTH(CAST(:period_end AS DATE)) * 100 + DAY(CAST(:period_end AS DATE))
        ) < (
          MONTH(`t`.`birth_date`) * 100 + DAY(`t`.`birth_date`)
        )
        THEN 1
        ELSE 0
      END AS `_h1`,
      `_tree`.`unit` AS `_unit`
    FROM `person` AS `t`
    JOIN `_tree`
      ON `t`.`community_code` = `_tree`.`code`
  ) AS `t`
  GROUP BY
    `t`.`_unit`
) AS `agg_person`
  ON `agg_person`.`_unit` = `u`.`code`
WHERE
  `u`.`level` = 4 OR `u`.`code` = :org
ORDER BY
  `u`.`code`
