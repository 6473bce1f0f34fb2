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
  `agg_person`.`a1` AS `disabled_total`,
  `agg_person`.`a2` AS `cert_valid`,
  `agg_person`.`a3` AS `cert_expired`,
  `agg_person`.`a4` AS `severe_total`,
  `agg_person`.`a5` AS `poor_total`,
  `agg_person`.`a6` AS `by_type.visual.grade_1`,
  `agg_person`.`a7` AS `by_type.visual.grade_2`,
  `agg_person`.`a8` AS `by_type.visual.grade_3`,
  `agg_person`.`a9` AS `by_type.visual.grade_4`,
  `agg_person`.`a10` AS `by_type.hearing.grade_1`,
  `agg_person`.`a11` AS `by_type.hearing.grade_2`,
  `agg_person`.`a12` AS `by_type.hearing.grade_3`,
  `agg_person`.`a13` AS `by_type.hearing.grade_4`,
  `agg_person`.`a14` AS `by_type.speech.grade_1`,
  `agg_person`.`a15` AS `by_type.speech.grade_2`,
  `agg_person`.`a16` AS `by_type.speech.grade_3`,
  `agg_person`.`a17` AS `by_type.speech.grade_4`,
  `agg_person`.`a18` AS `by_type.physical.grade_1`,
  `agg_person`.`a19` AS `by_type.physical.grade_2`,
  `agg_person`.`a20` AS `by_type.physical.grade_3`,
  `agg_person`.`a21` AS `by_type.physical.grade_4`,
  `agg_person`.`a22` AS `by_type.intellectual.grade_1`,
  `agg_person`.`a23` AS `by_type.intellectual.grade_2`,
  `agg_person`.`a24` AS `by_type.intellectual.grade_3`,
  `agg_person`.`a25` AS `by_type.intellectual.grade_4`,
  `agg_person`.`a26` AS `by_type.mental.grade_1`,
  `agg_person`.`a27` AS `by_type.mental.grade_2`,
  `agg_person`.`a28` AS `by_type.mental.grade_3`,
  `agg_person`.`a29` AS `by_type.mental.grade_4`,
  `agg_person`.`a30` AS `by_type.multiple.grade_1`,
  `agg_person`.`a31` AS `by_type.multiple.grade_2`,
  `agg_person`.`a32` AS `by_type.multiple.grade_3`,
  `agg_person`.`a33` AS `by_type.multiple.grade_4`
FROM (
  SELECT
    COUNT(CASE WHEN NOT `t`.`disability_level` IS NULL THEN 1 END) AS `a1`,
    COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` COLLATE utf8mb4_nopad_bin = 'valid'
        )
        THEN 1
      END
    ) AS `a2`,
    COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` COLLATE utf8mb4_nopad_bin = 'expired'
        )
        THEN 1
      END
    ) AS `a3`,
    COUNT(CASE WHEN `t`.`disability_level` IN (1, 2) THEN 1 END) AS `a4`,
    COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`household_econ` COLLATE utf8mb4_nopad_bin IN ('dibao', 'dibian', 'tekun')
        )
        THEN 1
      END
    ) AS `a5`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a6`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a7`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a8`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a9`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a10`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a11`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a12`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a13`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a14`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a15`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a16`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a17`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a18`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a19`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a20`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a21`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a22`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a23`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a24`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a25`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a26`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a27`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a28`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a29`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a30`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a31`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a32`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a33`
  FROM `person` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_person`
