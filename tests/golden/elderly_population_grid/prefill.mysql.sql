-- parameters: org, period_end
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
  END AS `population`,
  CASE
    WHEN ABS(`agg_person`.`a2`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a2`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a2` AS DECIMAL(38, 10))
  END AS `elderly.age_60_69.male`,
  CASE
    WHEN ABS(`agg_person`.`a3`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a3`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a3` AS DECIMAL(38, 10))
  END AS `elderly.age_60_69.female`,
  CASE
    WHEN ABS(`agg_person`.`a4`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a4`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a4` AS DECIMAL(38, 10))
  END AS `elderly.age_60_69.alone`,
  CASE
    WHEN ABS(`agg_person`.`a5`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a5`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a5` AS DECIMAL(38, 10))
  END AS `elderly.age_70_79.male`,
  CASE
    WHEN ABS(`agg_person`.`a6`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a6`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a6` AS DECIMAL(38, 10))
  END AS `elderly.age_70_79.female`,
  CASE
    WHEN ABS(`agg_person`.`a7`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a7`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a7` AS DECIMAL(38, 10))
  END AS `elderly.age_70_79.alone`,
  CASE
    WHEN ABS(`agg_person`.`a8`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a8`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a8` AS DECIMAL(38, 10))
  END AS `elderly.age_80_89.male`,
  CASE
    WHEN ABS(`agg_person`.`a9`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a9`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a9` AS DECIMAL(38, 10))
  END AS `elderly.age_80_89.female`,
  CASE
    WHEN ABS(`agg_person`.`a10`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a10`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a10` AS DECIMAL(38, 10))
  END AS `elderly.age_80_89.alone`,
  CASE
    WHEN ABS(`agg_person`.`a11`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a11`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a11` AS DECIMAL(38, 10))
  END AS `elderly.age_90_99.male`,
  CASE
    WHEN ABS(`agg_person`.`a12`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a12`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a12` AS DECIMAL(38, 10))
  END AS `elderly.age_90_99.female`,
  CASE
    WHEN ABS(`agg_person`.`a13`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a13`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a13` AS DECIMAL(38, 10))
  END AS `elderly.age_90_99.alone`,
  CASE
    WHEN ABS(`agg_person`.`a14`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a14`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a14` AS DECIMAL(38, 10))
  END AS `elderly.age_100.male`,
  CASE
    WHEN ABS(`agg_person`.`a15`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a15`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a15` AS DECIMAL(38, 10))
  END AS `elderly.age_100.female`,
  CASE
    WHEN ABS(`agg_person`.`a16`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a16`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a16` AS DECIMAL(38, 10))
  END AS `elderly.age_100.alone`
FROM (
  SELECT
    CAST(COUNT(*) AS DECIMAL(38, 10)) AS `a1`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'M'
        )
        AND (
          `t`.`_h1` BETWEEN 60 AND 69
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a2`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'F'
        )
        AND (
          `t`.`_h1` BETWEEN 60 AND 69
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a3`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 60 AND 69
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a4`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'M'
        )
        AND (
          `t`.`_h1` BETWEEN 70 AND 79
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a5`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'F'
        )
        AND (
          `t`.`_h1` BETWEEN 70 AND 79
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a6`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 70 AND 79
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a7`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'M'
        )
        AND (
          `t`.`_h1` BETWEEN 80 AND 89
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a8`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'F'
        )
        AND (
          `t`.`_h1` BETWEEN 80 AND 89
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a9`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 80 AND 89
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a10`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'M'
        )
        AND (
          `t`.`_h1` BETWEEN 90 AND 99
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a11`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'F'
        )
        AND (
          `t`.`_h1` BETWEEN 90 AND 99
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a12`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 90 AND 99
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a13`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'M'
        )
        AND (
          `t`.`_h1` BETWEEN 100 AND 200
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a14`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`sex` COLLATE utf8mb4_nopad_bin = 'F'
        )
        AND (
          `t`.`_h1` BETWEEN 100 AND 200
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a15`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`lives_alone` = TRUE
        ) AND (
          `t`.`_h1` BETWEEN 100 AND 200
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a16`
  FROM (
    SELECT
      `t`.*,
      YEAR(CAST(%(period_end)s AS DATE)) - YEAR(`t`.`birth_date`) - CASE
        WHEN (
          MONTH(CAST(%(period_end)s AS DATE)) * 100 + DAYOFMONTH(CAST(%(period_end)s AS DATE))
        ) < (
          MONTH(`t`.`birth_date`) * 100 + DAYOFMONTH(`t`.`birth_date`)
        )
        THEN 1
        ELSE 0
      END AS `_h1`
    FROM `person` AS `t`
    JOIN `_scope`
      ON `t`.`community_code` = `_scope`.`code`
  ) AS `t`
) AS `agg_person`
