-- parameters: org, period_end
WITH `_scope` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org AND `c`.`ancestor_level` = 4
)
SELECT
  (
    SELECT
      `r`.`ancestor_level`
    FROM `fk_org__org_unit` AS `r`
    WHERE
      `r`.`ancestor` = :org AND `r`.`depth` = 0
  ) AS `_level`,
  `agg_person`.`a1` AS `population`,
  `agg_person`.`a2` AS `elderly.age_60_69.male`,
  `agg_person`.`a3` AS `elderly.age_60_69.female`,
  `agg_person`.`a4` AS `elderly.age_60_69.alone`,
  `agg_person`.`a5` AS `elderly.age_70_79.male`,
  `agg_person`.`a6` AS `elderly.age_70_79.female`,
  `agg_person`.`a7` AS `elderly.age_70_79.alone`,
  `agg_person`.`a8` AS `elderly.age_80_89.male`,
  `agg_person`.`a9` AS `elderly.age_80_89.female`,
  `agg_person`.`a10` AS `elderly.age_80_89.alone`,
  `agg_person`.`a11` AS `elderly.age_90_99.male`,
  `agg_person`.`a12` AS `elderly.age_90_99.female`,
  `agg_person`.`a13` AS `elderly.age_90_99.alone`,
  `agg_person`.`a14` AS `elderly.age_100.male`,
  `agg_person`.`a15` AS `elderly.age_100.female`,
  `agg_person`.`a16` AS `elderly.age_100.alone`
FROM (
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
    ) AS `a16`
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
      END AS `_h1`
    FROM `person` AS `t`
    JOIN `_scope`
      ON `t`.`community_code` = `_scope`.`code`
  ) AS `t`
) AS `agg_person`
