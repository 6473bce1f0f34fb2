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
  END AS `disabled_total`,
  CASE
    WHEN ABS(`agg_person`.`a2`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a2`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a2` AS DECIMAL(38, 10))
  END AS `cert_valid`,
  CASE
    WHEN ABS(`agg_person`.`a3`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a3`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a3` AS DECIMAL(38, 10))
  END AS `cert_expired`,
  CASE
    WHEN ABS(`agg_person`.`a4`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a4`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a4` AS DECIMAL(38, 10))
  END AS `severe_total`,
  CASE
    WHEN ABS(`agg_person`.`a5`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a5`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a5` AS DECIMAL(38, 10))
  END AS `poor_total`,
  CASE
    WHEN ABS(`agg_person`.`a6`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a6`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a6` AS DECIMAL(38, 10))
  END AS `by_type.visual.grade_1`,
  CASE
    WHEN ABS(`agg_person`.`a7`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a7`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a7` AS DECIMAL(38, 10))
  END AS `by_type.visual.grade_2`,
  CASE
    WHEN ABS(`agg_person`.`a8`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a8`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a8` AS DECIMAL(38, 10))
  END AS `by_type.visual.grade_3`,
  CASE
    WHEN ABS(`agg_person`.`a9`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a9`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a9` AS DECIMAL(38, 10))
  END AS `by_type.visual.grade_4`,
  CASE
    WHEN ABS(`agg_person`.`a10`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a10`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a10` AS DECIMAL(38, 10))
  END AS `by_type.hearing.grade_1`,
  CASE
    WHEN ABS(`agg_person`.`a11`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a11`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a11` AS DECIMAL(38, 10))
  END AS `by_type.hearing.grade_2`,
  CASE
    WHEN ABS(`agg_person`.`a12`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a12`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a12` AS DECIMAL(38, 10))
  END AS `by_type.hearing.grade_3`,
  CASE
    WHEN ABS(`agg_person`.`a13`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a13`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a13` AS DECIMAL(38, 10))
  END AS `by_type.hearing.grade_4`,
  CASE
    WHEN ABS(`agg_person`.`a14`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a14`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a14` AS DECIMAL(38, 10))
  END AS `by_type.speech.grade_1`,
  CASE
    WHEN ABS(`agg_person`.`a15`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a15`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a15` AS DECIMAL(38, 10))
  END AS `by_type.speech.grade_2`,
  CASE
    WHEN ABS(`agg_person`.`a16`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a16`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a16` AS DECIMAL(38, 10))
  END AS `by_type.speech.grade_3`,
  CASE
    WHEN ABS(`agg_person`.`a17`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a17`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a17` AS DECIMAL(38, 10))
  END AS `by_type.speech.grade_4`,
  CASE
    WHEN ABS(`agg_person`.`a18`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a18`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a18` AS DECIMAL(38, 10))
  END AS `by_type.physical.grade_1`,
  CASE
    WHEN ABS(`agg_person`.`a19`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a19`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a19` AS DECIMAL(38, 10))
  END AS `by_type.physical.grade_2`,
  CASE
    WHEN ABS(`agg_person`.`a20`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a20`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a20` AS DECIMAL(38, 10))
  END AS `by_type.physical.grade_3`,
  CASE
    WHEN ABS(`agg_person`.`a21`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a21`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a21` AS DECIMAL(38, 10))
  END AS `by_type.physical.grade_4`,
  CASE
    WHEN ABS(`agg_person`.`a22`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a22`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a22` AS DECIMAL(38, 10))
  END AS `by_type.intellectual.grade_1`,
  CASE
    WHEN ABS(`agg_person`.`a23`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a23`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a23` AS DECIMAL(38, 10))
  END AS `by_type.intellectual.grade_2`,
  CASE
    WHEN ABS(`agg_person`.`a24`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a24`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a24` AS DECIMAL(38, 10))
  END AS `by_type.intellectual.grade_3`,
  CASE
    WHEN ABS(`agg_person`.`a25`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a25`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a25` AS DECIMAL(38, 10))
  END AS `by_type.intellectual.grade_4`,
  CASE
    WHEN ABS(`agg_person`.`a26`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a26`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a26` AS DECIMAL(38, 10))
  END AS `by_type.mental.grade_1`,
  CASE
    WHEN ABS(`agg_person`.`a27`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a27`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a27` AS DECIMAL(38, 10))
  END AS `by_type.mental.grade_2`,
  CASE
    WHEN ABS(`agg_person`.`a28`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a28`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a28` AS DECIMAL(38, 10))
  END AS `by_type.mental.grade_3`,
  CASE
    WHEN ABS(`agg_person`.`a29`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a29`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a29` AS DECIMAL(38, 10))
  END AS `by_type.mental.grade_4`,
  CASE
    WHEN ABS(`agg_person`.`a30`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a30`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a30` AS DECIMAL(38, 10))
  END AS `by_type.multiple.grade_1`,
  CASE
    WHEN ABS(`agg_person`.`a31`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a31`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a31` AS DECIMAL(38, 10))
  END AS `by_type.multiple.grade_2`,
  CASE
    WHEN ABS(`agg_person`.`a32`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a32`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a32` AS DECIMAL(38, 10))
  END AS `by_type.multiple.grade_3`,
  CASE
    WHEN ABS(`agg_person`.`a33`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_person`.`a33`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_person`.`a33` AS DECIMAL(38, 10))
  END AS `by_type.multiple.grade_4`
FROM (
  SELECT
    CAST(COUNT(CASE WHEN NOT `t`.`disability_level` IS NULL THEN 1 END) AS DECIMAL(38, 10)) AS `a1`,
    CAST(COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` COLLATE utf8mb4_nopad_bin = 'valid'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a2`,
    CAST(COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` COLLATE utf8mb4_nopad_bin = 'expired'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a3`,
    CAST(COUNT(CASE WHEN `t`.`disability_level` IN (1, 2) THEN 1 END) AS DECIMAL(38, 10)) AS `a4`,
    CAST(COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`household_econ` COLLATE utf8mb4_nopad_bin IN ('dibao', 'dibian', 'tekun')
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a5`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a6`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a7`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a8`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a9`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a10`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a11`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a12`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a13`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a14`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a15`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a16`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a17`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a18`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a19`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a20`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a21`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a22`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a23`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a24`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a25`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a26`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a27`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a28`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a29`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a30`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a31`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a32`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a33`
  FROM `person` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_person`
